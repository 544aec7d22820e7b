using System.Net;

namespace OpsBus.Artifacts.Tests;

/// <summary>
/// A request body that sends <paramref name="bytesBeforeFailure"/> bytes, waits for <paramref name="beforeFailing"/>
/// (the test's proof that the server is mid-upload), then fails, as a client that dies mid-upload.
/// </summary>
internal sealed class AbortingContent(int bytesBeforeFailure, Func<Task> beforeFailing) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var chunk = Uploads.Bytes(8192);
        for (var sent = 0; sent < bytesBeforeFailure; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, Math.Min(chunk.Length, bytesBeforeFailure - sent)));
            await stream.FlushAsync();
        }
        await beforeFailing();
        throw new IOException("The client died mid-upload.");
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
