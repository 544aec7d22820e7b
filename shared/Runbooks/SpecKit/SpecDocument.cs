namespace OpsBus.Runbooks.SpecKit;

/// <summary>One Spec Kit file: its name in the feature's folder and its markdown.</summary>
public sealed record SpecDocument(string FileName, string Content);
