namespace OpsBus.Cli.Configuration;

/// <summary>Where the API is and the key to call it with. <see cref="ToString"/> never shows the key.</summary>
public sealed record CliSettings(Uri Url, string ApiKey)
{
    public override string ToString() => $"{Url} (API key set)";
}
