namespace OpsBus.Artifacts.Api;

/// <summary>The JSON body that stores a link: <c>{ "kind": "link", "name": "...", "url": "https://..." }</c>.</summary>
public sealed record LinkArtifactRequest(string? Kind, string? Name, string? Url)
{
    public const int MaxUrlLength = 2048;

    /// <summary>The field that is wrong and why, or null when the link can be stored.</summary>
    public (string Field, string Message)? Problem()
    {
        if (Kind != ArtifactKinds.Link)
            return ("kind", $"A JSON body stores a link: kind must be '{ArtifactKinds.Link}' (upload content raw or as multipart).");
        if (string.IsNullOrWhiteSpace(Name))
            return ("name", "A link needs a name.");
        if (Url is null || Url.Length > MaxUrlLength || !Uri.TryCreate(Url, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return ("url", $"A link needs an absolute http or https URL of at most {MaxUrlLength} characters.");
        return null;
    }
}
