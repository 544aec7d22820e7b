using System.Text;

namespace OpsBus.Hostile.Tests.Security;

/// <summary>
/// A secret's value and the ways it could leak without being written in clear: base64 and base64url at each of the three
/// alignments it can have inside a longer encoded text (only the characters that depend on the value alone are kept).
/// </summary>
internal sealed class SecretForms
{
    public SecretForms(string value)
    {
        Value = value;
        var bytes = Encoding.UTF8.GetBytes(value);
        var forms = new List<string> { value };
        for (var offset = 0; offset < 3; offset++)
        {
            var padded = new byte[offset].Concat(bytes).ToArray();
            var encoded = Convert.ToBase64String(padded);
            var first = (offset * 8 + 5) / 6;
            var end = (offset + bytes.Length) * 8 / 6;
            var stable = encoded[first..end];
            forms.Add(stable);
            forms.Add(stable.Replace('+', '-').Replace('/', '_'));
        }
        Forms = forms.Distinct().ToList();
    }

    public string Value { get; }

    public IReadOnlyList<string> Forms { get; }

    /// <summary>The first form <paramref name="text"/> contains, with what surrounds it, or null when it holds none.</summary>
    public string? FoundIn(string text)
    {
        foreach (var form in Forms)
        {
            var at = text.IndexOf(form, StringComparison.Ordinal);
            if (at >= 0)
                return $"'{form}' in …{text[Math.Max(0, at - 120)..Math.Min(text.Length, at + form.Length + 120)]}…";
        }
        return null;
    }
}
