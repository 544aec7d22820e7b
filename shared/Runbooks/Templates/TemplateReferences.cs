using System.Text;
using System.Text.RegularExpressions;

namespace OpsBus.Runbooks.Templates;

/// <summary>
/// The reference grammar of step inputs, shared by the renderer (parameters and environment) and the
/// lane worker (step outputs): <c>${{ params.key }}</c>, <c>${{ env }}</c>, <c>${{ steps.id.outputs.name }}</c>,
/// with optional whitespace inside the braces. References are found in string values only.
/// </summary>
public static partial class TemplateReferences
{
    /// <summary>Any <c>${{ … }}</c>; the group <c>expr</c> holds the trimmed expression.</summary>
    public static Regex Pattern => PlaceholderRegex();

    /// <summary>Every reference in <paramref name="text"/>, in order, including those of an unknown form.</summary>
    public static IReadOnlyList<TemplateReference> Find(string text) =>
        Pattern.Matches(text).Select(ToReference).ToList();

    /// <summary>Whether <paramref name="text"/> is exactly one reference, with nothing around it.</summary>
    public static bool TryParseWhole(string text, out TemplateReference reference)
    {
        var match = Pattern.Match(text);
        reference = match.Success ? ToReference(match) : new TemplateReference(TemplateReferenceKind.Unknown, 0, 0, string.Empty);
        return match.Success && match.Index == 0 && match.Length == text.Length;
    }

    /// <summary>
    /// <paramref name="text"/> with each reference replaced by what <paramref name="replacement"/> returns;
    /// a null replacement keeps the reference as written.
    /// </summary>
    public static string Replace(string text, Func<TemplateReference, string?> replacement)
    {
        var builder = new StringBuilder(text.Length);
        var last = 0;
        foreach (Match match in Pattern.Matches(text))
        {
            builder.Append(text, last, match.Index - last);
            builder.Append(replacement(ToReference(match)) ?? match.Value);
            last = match.Index + match.Length;
        }

        return builder.Append(text, last, text.Length - last).ToString();
    }

    private static TemplateReference ToReference(Match match)
    {
        var expression = match.Groups["expr"].Value;
        if (expression == "env")
            return new TemplateReference(TemplateReferenceKind.Environment, match.Index, match.Length, expression);
        var parameter = ParameterRegex().Match(expression);
        if (parameter.Success)
            return new TemplateReference(TemplateReferenceKind.Parameter, match.Index, match.Length, expression, ParameterKey: parameter.Groups["key"].Value);
        var step = StepOutputRegex().Match(expression);
        if (step.Success)
            return new TemplateReference(TemplateReferenceKind.StepOutput, match.Index, match.Length, expression, StepId: step.Groups["step"].Value, Output: step.Groups["output"].Value);
        return new TemplateReference(TemplateReferenceKind.Unknown, match.Index, match.Length, expression);
    }

    [GeneratedRegex(@"\$\{\{\s*(?<expr>[^{}]*?)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderRegex();

    [GeneratedRegex(@"\Aparams\.(?<key>[a-zA-Z][a-zA-Z0-9_]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterRegex();

    [GeneratedRegex(@"\Asteps\.(?<step>[a-z0-9][a-z0-9_-]*)\.outputs\.(?<output>[a-zA-Z_][a-zA-Z0-9_]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex StepOutputRegex();
}
