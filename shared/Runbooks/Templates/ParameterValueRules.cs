using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpsBus.Runbooks.Templates;

/// <summary>Whether a JSON value fits a parameter: the rule shared by defaults and supplied values.</summary>
internal static class ParameterValueRules
{
    /// <summary>How long a pattern may take on one value; a pattern that backtracks without end fails the value instead of hanging.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The pattern anchored to match the whole value, or the reason it is not a regular expression.</summary>
    public static Regex? CompilePattern(string pattern, out string? error)
    {
        try
        {
            error = null;
            return new Regex(@"\A(?:" + pattern + @")\z", RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException ex)
        {
            error = $"The pattern is not a valid regular expression: {ex.Message}";
            return null;
        }
    }

    /// <summary>Null when <paramref name="value"/> fits <paramref name="parameter"/>; otherwise a sentence saying why not.</summary>
    public static string? Check(TemplateParameter parameter, JsonElement value)
    {
        var key = parameter.Key;
        switch (parameter.Type)
        {
            case ParameterTypes.Number:
                if (value.ValueKind == JsonValueKind.Number)
                    return null;
                return value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _)
                    ? $"'{key}' must be a JSON number, not a string: send {value.GetString()} without quotes."
                    : $"'{key}' must be a number.";
            case ParameterTypes.Boolean:
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    return null;
                return value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var flag)
                    ? $"'{key}' must be a JSON boolean, not a string: send {(flag ? "true" : "false")} without quotes."
                    : $"'{key}' must be true or false.";
            case ParameterTypes.Enum:
                var allowed = parameter.AllowedValues ?? [];
                if (value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString()!, StringComparer.Ordinal))
                    return null;
                return $"'{key}' must be one of: {string.Join(", ", allowed)}.";
            case ParameterTypes.String or ParameterTypes.Secret:
                if (value.ValueKind != JsonValueKind.String)
                    return $"'{key}' must be a string.";
                return parameter.Pattern is null ? null : CheckPattern(parameter, value.GetString()!);
            default:
                return $"'{key}' has an unknown type '{parameter.Type}'.";
        }
    }

    private static string? CheckPattern(TemplateParameter parameter, string text)
    {
        var regex = CompilePattern(parameter.Pattern!, out var error);
        if (regex is null)
            return error;
        try
        {
            return regex.IsMatch(text) ? null : $"'{parameter.Key}' must match the pattern {parameter.Pattern}.";
        }
        catch (RegexMatchTimeoutException)
        {
            return $"'{parameter.Key}' could not be checked against the pattern {parameter.Pattern} in time; the pattern is too costly for this value.";
        }
    }
}
