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
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
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
    }

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, $"The body may be at most {maxBytes / 1024} KiB.");
}
