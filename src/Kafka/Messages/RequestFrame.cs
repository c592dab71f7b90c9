using System.Buffers.Binary;
using Actors.Kafka.Protocol;

namespace Actors.Kafka.Messages;

/// <summary>Turns a request into the bytes on the wire, and a response frame back into a response.</summary>
public static class RequestFrame
{
    /// <summary>The size prefix, the request header and the body.</summary>
    public static byte[] Encode<TResponse>(IKafkaRequest<TResponse> request, int correlationId, string? clientId)
    {
        var writer = new KafkaWriter();
        writer.WriteInt32(0); // size, patched below once known
        new RequestHeader(request.ApiKey, request.Version, correlationId, clientId).Write(writer, request.RequestHeaderVersion);
        request.WriteBody(writer);
        var frame = writer.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
        return frame;
    }

    /// <summary>
    /// Reads a response frame (without its size prefix): the header's correlation id must be
    /// the one sent, and the body must decode exactly.
    /// </summary>
    public static TResponse DecodeResponse<TResponse>(IKafkaRequest<TResponse> request, ReadOnlyMemory<byte> frame, int expectedCorrelationId)
    {
        var reader = new KafkaReader(frame);
        var correlationId = ResponseHeader.Read(reader, request.ResponseHeaderVersion);
        if (correlationId != expectedCorrelationId)
            throw new KafkaDecodeException($"response correlation id {correlationId} does not match request {expectedCorrelationId}");
        var response = request.ReadResponse(reader);
        reader.ExpectEnd($"{request.ApiKey} v{request.Version} response");
        return response;
    }
}
