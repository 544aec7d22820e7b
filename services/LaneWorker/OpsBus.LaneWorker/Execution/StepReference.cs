using System.Text.RegularExpressions;

namespace OpsBus.LaneWorker.Execution;

/// <summary>
/// A reference to an output of an earlier step, written <c>${{ steps.&lt;stepId&gt;.outputs.&lt;name&gt; }}</c>
/// (spaces inside the braces optional) anywhere in a string input.
/// </summary>
public readonly partial record struct StepReference(string StepId, string Output)
{
    public override string ToString() => $"${{{{ steps.{StepId}.outputs.{Output} }}}}";

    /// <summary>
    /// The text with every step reference replaced by what <paramref name="resolve"/> returns for it. Other
    /// <c>${{ … }}</c> expressions are left alone; a malformed <c>steps.</c> expression is a <see cref="FormatException"/>.
    /// </summary>
    public static string Replace(string text, Func<StepReference, string> resolve)
    {
        if (!text.Contains("${{", StringComparison.Ordinal))
            return text;
        return Expression().Replace(text, match =>
        {
            var expression = match.Groups["expression"].Value;
            if (!expression.StartsWith("steps.", StringComparison.Ordinal))
                return match.Value;
            var reference = StepOutput().Match(expression);
            if (!reference.Success)
                throw new FormatException($"'{match.Value}' is not a step output reference; write ${{{{ steps.<stepId>.outputs.<name> }}}}.");
            return resolve(new StepReference(reference.Groups["step"].Value, reference.Groups["output"].Value));
        });
    }

    [GeneratedRegex(@"\$\{\{\s*(?<expression>.*?)\s*\}\}", RegexOptions.Singleline)]
    private static partial Regex Expression();

    [GeneratedRegex(@"^steps\.(?<step>[A-Za-z0-9_.-]+)\.outputs\.(?<output>[A-Za-z0-9_.-]+)$")]
    private static partial Regex StepOutput();
}
