namespace OpsBus.Runbooks.Templates;

/// <summary>A template's YAML could not be read; the message says where (line and column, from 1) and why.</summary>
public sealed class TemplateYamlException(string reason, int line, int column)
    : Exception($"Line {line}, column {column}: {reason}")
{
    public string Reason { get; } = reason;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
