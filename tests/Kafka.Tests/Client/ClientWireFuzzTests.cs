using System.Buffers.Binary;
using System.Net.Sockets;
using Actors.Kafka.Client;
using Actors.Kafka.Features;
using Actors.Kafka.Messages;
using Actors.Kafka.Protocol;
using Actors.Kafka.Tests.Messages;

namespace Actors.Kafka.Tests.Client;

// The decoders are fuzzed byte by byte (ResponseDecoderFuzzTests); this fuzzes the whole
// exchange over TCP for the three requests the operator sends itself: a server answering with
// random bytes, a good answer cut short or garbled, then closing or going silent. Each call
// ends in a typed result within the client's timeout — never another exception, never a hang.
public class ClientWireFuzzTests
{
    private const int CasesPerApi = 40;
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMilliseconds(300);

    private static readonly KafkaFailureKind[] TypedFailures =
        [KafkaFailureKind.MalformedResponse, KafkaFailureKind.ConnectionLost, KafkaFailureKind.TimedOut, KafkaFailureKind.ErrorCode];

    public static TheoryData<string> Apis() => ["ApiVersions", "DescribeQuorum", "UpdateFeatures"];

    private static (short HeaderVersion, Func<Random, byte[]> Body, Func<KafkaClient, Task<KafkaFailure?>> Call) Api(string name) => name switch
    {
        "ApiVersions" => (0, r => RandomResponses.Encode(RandomResponses.ApiVersions(r, 3), (w, x) => x.Write(w, 3)),
            async c => (await c.ApiVersionsAsync()).Failure),
        "DescribeQuorum" => (1, r => RandomResponses.Encode(RandomResponses.DescribeQuorum(r, 2), (w, x) => x.Write(w, 2)),
            async c => (await c.DescribeControllerQuorumAsync()).Failure),
        _ => (1, r => RandomResponses.Encode(RandomResponses.UpdateFeatures(r, 1), (w, x) => x.Write(w, 1)),
            async c => (await c.UpdateFeaturesAsync([new FeatureUpdate(MetadataVersion.FeatureName, 21)])).Failure),
    };

    [Theory]
    [MemberData(nameof(Apis))]
    public async Task Any_answer_over_the_wire_ends_in_a_typed_result_within_the_timeout(string api)
    {
        var (headerVersion, body, call) = Api(api);
        var cases = Enumerable.Range(0, CasesPerApi).Select(async seed =>
        {
            var random = new Random(seed * 7919 + api.Length);
            var answer = Answer(random, headerVersion, body);
            var hold = random.Next(2) == 0;
            await using var server = new ScriptedServer(async (socket, request, ct) =>
            {
                var bytes = answer(BinaryPrimitives.ReadInt32BigEndian(request.AsSpan(8)));
                await socket.SendAsync(bytes, ct);
                if (hold)
                    await Task.Delay(Timeout.Infinite, ct);
                else
                    socket.Shutdown(SocketShutdown.Both);
            });
            var client = new KafkaClient(server.Endpoint, new KafkaClientOptions { Timeout = ClientTimeout });

            var outcome = call(client);
            var finished = await Task.WhenAny(outcome, Task.Delay(ClientTimeout * 20));
            Assert.True(finished == outcome, $"{api} case {seed}: no result within 20 times the client's timeout");
            var failure = await outcome;
            Assert.True(failure is null || TypedFailures.Contains(failure.Kind), $"{api} case {seed}: {failure}");
        });
        await Task.WhenAll(cases);
    }

    /// <summary>Given the request's correlation id, the bytes one fuzz case sends back.</summary>
    private static Func<int, byte[]> Answer(Random random, short headerVersion, Func<Random, byte[]> body)
    {
        var kind = random.Next(4);
        var junk = new byte[random.Next(0, 64)];
        random.NextBytes(junk);
        var responseBody = body(random);
        var cut = random.Next(0, responseBody.Length + 8);
        var flips = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => (At: random.Next(1 << 20), Value: (byte)random.Next(256))).ToList();
        return correlationId =>
        {
            var writer = new KafkaWriter();
            ResponseHeader.Write(writer, correlationId, headerVersion);
            var good = Framed([.. writer.ToArray(), .. responseBody]);
            switch (kind)
            {
                case 0: // random bytes, size prefix and all
                    return junk;
                case 1: // a good answer, cut anywhere
                    return good[..Math.Min(cut, good.Length)];
                case 2: // a good answer with a few bytes changed (the size prefix included)
                    foreach (var (at, value) in flips)
                        good[at % good.Length] = value;
                    return good;
                default: // a well-framed body of random bytes
                    return Framed(junk);
            }
        };
    }

    private static byte[] Framed(byte[] body)
    {
        var frame = new byte[body.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(frame, body.Length);
        body.CopyTo(frame, 4);
        return frame;
    }
}
