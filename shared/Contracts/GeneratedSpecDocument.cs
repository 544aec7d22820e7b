namespace OpsBus.Contracts;

/// <summary>One document of <see cref="SpecDocumentsGenerated"/>.</summary>
/// <param name="File">Its file name in the feature's folder, e.g. <c>prd.md</c>.</param>
/// <param name="Title">Its first-level heading.</param>
/// <param name="Content">Its markdown.</param>
public sealed record GeneratedSpecDocument(string File, string Title, string Content);
