using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace OpsBus.Orchestrator.Api;

/// <summary>A versioned resource's version as its <c>ETag</c> (<c>"3"</c>), and the version an edit's <c>If-Match</c> expects.</summary>
internal static class EntityTags
{
    public static void Tag(HttpContext http, int version) => http.Response.Headers.ETag = $"\"{version}\"";

    /// <summary>The version in <c>If-Match</c> (<c>"3"</c>), or null when the header is absent or <c>*</c>.</summary>
    public static int? ExpectedVersion(HttpRequest request, out string? error)
    {
        error = null;
        if (request.Headers.IfMatch.Count == 0)
            return null;
        var value = request.Headers.IfMatch.Count == 1 ? request.Headers.IfMatch[0]?.Trim() : null;
        if (value == "*")
            return null;
        if (value is { Length: > 2 } && value[0] == '"' && value[^1] == '"'
            && int.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return version;
        error = "Send the version to edit as an entity tag, e.g. If-Match: \"3\" (the ETag of the version read).";
        return null;
    }
}
