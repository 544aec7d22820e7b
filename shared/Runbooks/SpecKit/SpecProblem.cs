namespace OpsBus.Runbooks.SpecKit;

/// <summary>What is wrong with a Spec Kit folder, with the file and, when it is about a section, its heading.</summary>
public sealed record SpecProblem(string File, string? Section, string Message)
{
    public override string ToString() => Section is null ? $"{File}: {Message}" : $"{File} § {Section}: {Message}";
}
