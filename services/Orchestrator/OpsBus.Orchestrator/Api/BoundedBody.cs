using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OpsBus.Orchestrator.Api;

/// <summary>A request body read whole, at most <see cref="MaxBytes"/>: a larger or broken one is a problem detail (413 or 400), never a 500.</summary>
internal static class BoundedBody
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The body's bytes, or the problem that refuses it.</summary>
    public static Task<(byte[]? Body, ProblemHttpResult? Refused)> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ReadAsync(request, MaxBytes, cancellationToken);

    /// <summary>The body's bytes, at most <paramref name="maxBytes"/>, or the problem that refuses it.</summary>
    public static async Task<(byte[]? Body, ProblemHttpResult? Refused)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));
        // The read buffer is borrowed, and the body's own buffer sized by its declared length: every run request comes
        // through here, and a fresh 16 KiB chunk each time was a good part of the orchestrator's allocations per run.
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 0);
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                    return (null, TooLarge(maxBytes));
                buffer.Write(chunk, 0, read);
            }
            return (buffer.ToArray(), null);
        }
        catch (BadHttpRequestException e)
        {
            return (null, ApiProblems.Status(e.StatusCode, e.Message));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, $"The body may be at most {maxBytes / 1024} KiB.");
}
