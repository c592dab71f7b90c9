"""A gRPC client driven by the C# tests: Debian's python3-grpcio, a client the project did not write.

Usage: /usr/bin/python3 grpc_client.py TARGET DESCRIPTOR_FILE
Reads one JSON command per line on stdin, runs each on its own thread and prints one JSON
answer per command on stdout (tagged with the command's id):
  {"id": 1, "method": "GetCluster", "request": {...}, "raw": "hex bytes instead of request",
   "metadata": [["authorization", "Bearer x"]], "timeout": 5.0, "streaming": false,
   "take": 2, "compression": "gzip"}
  -> {"id": 1, "code": "OK", "details": "...", "responses": [{...}], "trailing": [[k, v]]}
A streaming call also reports each message as it arrives: {"id": 1, "received": 2}.
Messages are built from the FileDescriptorProto of actors.proto that the C# build generated.
"""
import json
import sys
import threading

try:
    import grpc
    from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
    from google.protobuf import timestamp_pb2  # noqa: F401  (registers the import of actors.proto)
except ImportError as error:
    print(json.dumps({"fatal": f"python3-grpcio / python3-protobuf missing: {error}"}), flush=True)
    sys.exit(3)

SERVICE = "actors.v1.ClusterService"
target, descriptor_path = sys.argv[1], sys.argv[2]

pool = descriptor_pool.Default()
with open(descriptor_path, "rb") as f:
    pool.Add(descriptor_pb2.FileDescriptorProto.FromString(f.read()))
service = pool.FindServiceByName(SERVICE)
factory = message_factory.MessageFactory(pool)


def message_class(descriptor):
    get = getattr(message_factory, "GetMessageClass", None)
    return get(descriptor) if get else factory.GetPrototype(descriptor)


channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
out_lock = threading.Lock()


def answer(payload):
    with out_lock:
        sys.stdout.write(json.dumps(payload) + "\n")
        sys.stdout.flush()


def to_dict(message):
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def run(command):
    path = command.get("path") or f"/{SERVICE}/{command['method']}"
    method = service.methods_by_name.get(command["method"]) or service.FindMethodByName("GetCluster")
    request_class = message_class(method.input_type)
    response_class = message_class(method.output_type)
    if "raw" in command:
        request = bytes.fromhex(command["raw"])
        serialize = lambda b: b  # noqa: E731
    else:
        request = json_format.ParseDict(command.get("request", {}), request_class())
        serialize = lambda m: m.SerializeToString()  # noqa: E731
    kwargs = {
        "metadata": [tuple(kv) for kv in command.get("metadata", [])],
        "timeout": command.get("timeout"),
    }
    if command.get("compression") == "gzip":
        kwargs["compression"] = grpc.Compression.Gzip
    result = {"id": command["id"], "responses": []}
    try:
        if command.get("streaming"):
            call = channel.unary_stream(path, request_serializer=serialize,
                                        response_deserializer=response_class.FromString)(request, **kwargs)
            take = command.get("take")
            for response in call:
                result["responses"].append(to_dict(response))
                answer({"id": command["id"], "received": len(result["responses"])})
                if take is not None and len(result["responses"]) >= take:
                    call.cancel()
                    result.update(code="TAKEN", details="")
                    break
            else:
                result.update(code=call.code().name, details=call.details() or "",
                              trailing=[list(kv) for kv in (call.trailing_metadata() or [])])
        else:
            response, call = channel.unary_unary(path, request_serializer=serialize,
                                                 response_deserializer=response_class.FromString).with_call(request, **kwargs)
            result["responses"].append(to_dict(response))
            result.update(code=call.code().name, details=call.details() or "",
                          trailing=[list(kv) for kv in (call.trailing_metadata() or [])])
    except grpc.RpcError as error:
        result.update(code=error.code().name, details=error.details() or "",
                      trailing=[list(kv) for kv in (error.trailing_metadata() or [])])
    except Exception as error:  # report, never hang the test
        result.update(code="CLIENT_ERROR", details=repr(error))
    answer(result)


answer({"ready": True, "grpc": grpc.__version__})
for line in sys.stdin:
    if line.strip():
        threading.Thread(target=run, args=(json.loads(line),), daemon=True).start()
