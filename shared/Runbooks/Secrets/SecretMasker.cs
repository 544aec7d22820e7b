namespace OpsBus.Runbooks.Secrets;

/// <summary>Replaces known secret values in text with <see cref="SecretEnvelope.Mask"/>, longest first.</summary>
public sealed class SecretMasker
{
    private readonly string[] _values;

    public SecretMasker(IEnumerable<string> values) =>
        _values = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ToArray();

    public static SecretMasker None { get; } = new([]);

    public bool IsEmpty => _values.Length == 0;

    public string Mask(string text)
    {
        if (_values.Length == 0 || string.IsNullOrEmpty(text))
            return text;
        foreach (var value in _values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
                text = text.Replace(value, SecretEnvelope.Mask, StringComparison.Ordinal);
        }

        return text;
    }
}
