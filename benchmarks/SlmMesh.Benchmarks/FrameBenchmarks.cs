using System.Buffers;
using BenchmarkDotNet.Attributes;
using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Benchmarks;

/// <summary>
/// Encoding (envelope + body + length prefix, into a pooled buffer, as a connection does before queuing)
/// and decoding (length prefix, envelope validation, then the typed body) of the main frames.
/// </summary>
[MemoryDiagnoser]
public class FrameBenchmarks
{
    private byte[] _encoded = [];
    private OutboundFrame _frame;

    [Params("hello", "msg.send request", "message push", "peer.list response (10 peers)")]
    public string Frame { get; set; } = "hello";

    [GlobalSetup]
    public void Setup()
    {
        _frame = Frame switch
        {
            "hello" => SampleFrames.Hello,
            "msg.send request" => SampleFrames.SendRequest,
            "message push" => SampleFrames.MessagePush,
            _ => SampleFrames.PeerList,
        };
        _encoded = FrameEnvelope.Encode(_frame);
    }

    [Benchmark]
    public int Encode()
    {
        EncodedFrame encoded = EncodedFrame.Encode(_frame, FrameCodec.DefaultMaxFrameSize);
        int length = encoded.Length;
        encoded.Return();
        return length;
    }

    [Benchmark]
    public object Decode()
    {
        var buffer = new ReadOnlySequence<byte>(_encoded);
        FrameCodec.TryReadFrame(ref buffer, FrameCodec.DefaultMaxFrameSize, out ReadOnlySequence<byte> body);
        InboundFrame frame = FrameEnvelope.Decode(body);
        return frame.Kind switch
        {
            FrameKind.Hello => frame.ReadBody<HelloBody>(),
            FrameKind.Request => frame.ReadBody<SendRequest>(),
            FrameKind.Push => frame.ReadBody<MeshMessage>(),
            _ => frame.ReadBody<PeerListResponse>(),
        };
    }
}
