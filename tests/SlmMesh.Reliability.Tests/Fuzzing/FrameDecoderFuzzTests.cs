using System.Buffers;
using System.Buffers.Binary;
using SlmMesh.Testing;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Reliability.Tests.Fuzzing;

/// <summary>The decoders a broker runs on untrusted bytes: only MeshException comes out, and no input makes them allocate much.</summary>
public sealed class FrameDecoderFuzzTests
{
    private const int MaxFrame = FrameCodec.DefaultMaxFrameSize;

    // What the broker decodes a body as, by operation; other names get a reader picked at random.
    private static readonly Dictionary<string, Func<InboundFrame, object>> ByOperation = new(StringComparer.Ordinal)
    {
        [MeshOperations.Register] = f => f.ReadBody<RegisterRequest>(),
        [MeshOperations.Attach] = f => f.ReadBody<AttachRequest>(),
        [MeshOperations.ListPeers] = f => f.ReadBody<PeerListRequest>(),
        [MeshOperations.SetSummary] = f => f.ReadBody<SummaryRequest>(),
        [MeshOperations.Send] = f => f.ReadBody<SendRequest>(),
        [MeshOperations.Inbox] = f => f.ReadBody<InboxRequest>(),
        [MeshOperations.Acknowledge] = f => f.ReadBody<AckRequest>(),
        [MeshOperations.GetState] = f => f.ReadBody<StateGetRequest>(),
        [MeshOperations.SetState] = f => f.ReadBody<StateSetRequest>(),
        [MeshOperations.ListState] = f => f.ReadBody<StateListRequest>(),
        [MeshOperations.DeleteState] = f => f.ReadBody<StateDeleteRequest>(),
        [MeshOperations.AcquireLock] = f => f.ReadBody<LockAcquireRequest>(),
        [MeshOperations.ReleaseLock] = f => f.ReadBody<LockReleaseRequest>(),
        [MeshOperations.QueryLocks] = f => f.ReadBody<LockQueryRequest>(),
        [MeshOperations.ReadEvents] = f => f.ReadBody<EventReadRequest>(),
        [MeshOperations.Subscribe] = f => f.ReadBody<EventSubscribeRequest>(),
        [MeshOperations.Unsubscribe] = f => f.ReadBody<EventUnsubscribeRequest>(),
        [MeshOperations.Emit] = f => f.ReadBody<EventEmitRequest>(),
        ["hello"] = f => f.ReadBody<HelloBody>(),
        ["error"] = f => f.ReadBody<ErrorBody>(),
        ["message"] = f => f.ReadBody<MeshMessage>(),
        ["messages"] = f => f.ReadBody<MessageListResponse>(),
        ["peers"] = f => f.ReadBody<PeerListResponse>(),
        ["welcome"] = f => f.ReadBody<WelcomeBody>(),
    };

    private static readonly Func<InboundFrame, object>[] Readers = [.. ByOperation.Values];

    [Fact]
    public void Random_and_mutated_frames_only_ever_fail_as_protocol_errors_and_allocate_little()
    {
        int cases = Scale.Of(150_000);
        var random = new Random(20261129);
        var bytes = new ByteMutator(random);
        var tree = new TreeMutator(random);
        IReadOnlyList<(string Operation, byte[] Body)> corpus = FuzzCorpus.Requests("/tmp/fuzz");
        byte[][] seeds = [.. corpus.Select((r, i) => FrameEnvelope.Encode(OutboundFrame.Request((uint)i + 1, r.Operation, new RawBody(r.Body))))];
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        long worstAllocation = 0;

        for (int i = 0; i < cases; i++)
        {
            byte[] frame = (i % 3) switch
            {
                0 => RandomBytes(random),
                1 => bytes.Mutate(seeds[random.Next(seeds.Length)]),
                _ => FrameEnvelope.Encode(OutboundFrame.Request(1, corpus[random.Next(corpus.Count)].Operation, new RawBody(tree.Mutate(corpus[random.Next(corpus.Count)].Body)))),
            };
            if (frame.Length >= FrameCodec.HeaderSize && random.Next(4) > 0)
            {
                // Mostly a consistent length prefix, so that the envelope and body decoders are reached.
                BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)(frame.Length - FrameCodec.HeaderSize));
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            string outcome = Decode(frame, random.Next(Math.Max(1, frame.Length)), random);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            worstAllocation = Math.Max(worstAllocation, allocated - (16L * frame.Length));
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{cases} cases: {string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"))}; worst allocation beyond 16× the input: {worstAllocation} bytes.");
        Assert.InRange(worstAllocation, long.MinValue, 2 * 1024 * 1024);
        Assert.True(outcomes.GetValueOrDefault("body decoded") + outcomes.GetValueOrDefault("body invalid_argument") > cases / 5, "the fuzzer should reach the body decoders often");
    }

    /// <summary>Decodes every frame in the bytes (split over two buffer segments) and every body type; returns what happened.</summary>
    private static string Decode(byte[] data, int split, Random random)
    {
        ReadOnlySequence<byte> buffer = TwoSegments(data, split);
        string outcome = "incomplete";
        try
        {
            while (FrameCodec.TryReadFrame(ref buffer, MaxFrame, out ReadOnlySequence<byte> body))
            {
                InboundFrame frame = FrameEnvelope.Decode(body);
                outcome = "decoded";
                Func<InboundFrame, object> reader = ByOperation.GetValueOrDefault(frame.Name) ?? Readers[random.Next(Readers.Length)];
                try
                {
                    _ = reader(frame);
                    outcome = "body decoded";
                }
                catch (MeshException ex)
                {
                    Assert.Equal(MeshErrorCode.InvalidArgument, ex.Code);
                    outcome = "body invalid_argument";
                }
            }
        }
        catch (MeshException ex)
        {
            Assert.True(ex.Code is MeshErrorCode.ProtocolError or MeshErrorCode.TooLarge, ex.Code);
            outcome = ex.Code;
        }
        catch (Exception ex)
        {
            Assert.Fail($"{ex.GetType().Name} decoding {Convert.ToHexString(data.AsSpan(0, Math.Min(data.Length, 512)))}: {ex}");
        }

        return outcome;
    }

    private static byte[] RandomBytes(Random random)
    {
        byte[] data = new byte[random.Next(0, 300)];
        random.NextBytes(data);
        return data;
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] data, int split)
    {
        if (data.Length < 2)
        {
            return new ReadOnlySequence<byte>(data);
        }

        var first = new Segment(data.AsMemory(0, split));
        Segment last = first.Append(data.AsMemory(split));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
