namespace OpsBus.Gateway.Edge;

/// <summary>
/// The one line a person starting OpsBus needs: where it listens and, when one was generated, the admin key.
/// Written to standard output once and deliberately not logged, so the key never reaches structured logs.
/// </summary>
public sealed class StartupBanner(TextWriter output)
{
    public void Print(IReadOnlyCollection<string> addresses, string adminKey)
    {
        var where = addresses.Count > 0 ? string.Join(' ', addresses) : "(an in-process server with no address)";
        output.WriteLine($"OpsBus is listening on {where}  admin key: {adminKey}");
        output.Flush();
    }
}
