using SlmMesh.Transport.Framing;
using SlmMesh.Transport.Messages;

namespace SlmMesh.Transport.Tests.Support;

/// <summary>Requests whose encoded body is exactly a given number of bytes.</summary>
internal static class SizedFrames
{
    public static OutboundFrame Request(int bodySize, uint id = 1)
    {
        // The payload's string header grows with its length, so converge on the exact size.
        int payload = bodySize;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            OutboundFrame frame = OutboundFrame.Request(id, MeshOperations.Send, new SendRequest { Id = "sized", To = "all", Type = "text", Payload = new string('x', payload) });
            int size = FrameEnvelope.Encode(frame).Length - FrameCodec.HeaderSize;
            if (size == bodySize)
            {
                return frame;
            }

            payload += bodySize - size;
        }

        throw new InvalidOperationException($"No request of exactly {bodySize} bytes.");
    }
}
