using System.Net.Http.Headers;

namespace OpsBus.Hostile.Tests;

/// <summary>Sends a <see cref="HostileCase"/> over real HTTP and judges the answer.</summary>
internal static class HostileSender
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>What is wrong with the answer to <paramref name="hostile"/>, or null when it is a proper refusal.</summary>
    public static async Task<string?> SendAsync(HttpClient client, HostileCase hostile)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), new Uri(client.BaseAddress!, hostile.Path.TrimStart('/')));
        if (hostile.Key is not null)
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {hostile.Key}");
        foreach (var (name, value) in hostile.Headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            if (hostile.ContentType is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsByteArrayAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!hostile.Allowed.Contains(status))
            return $"{hostile} answered {status}, expected one of {string.Join(", ", hostile.Allowed.Order())}: {Excerpt(body)}";
        if (body.Length == 0 && !hostile.MayAnswerWithoutBody)
            return $"{hostile} answered {status} with no problem details";
        if (body.Length > 0 && mediaType != ProblemJson)
            return $"{hostile} answered {status} as {mediaType ?? "no media type"}, not {ProblemJson}: {Excerpt(body)}";
        return null;
    }

    private static string Excerpt(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
