namespace OpsBus.Runbooks.SpecKit;

/// <summary>A markdown document's title (its first <c># </c> heading) and its <c>## </c> sections with their bodies.</summary>
public sealed record MarkdownOutline(string? Title, IReadOnlyList<MarkdownSection> Sections)
{
    public static MarkdownOutline Parse(string markdown)
    {
        string? title = null;
        var sections = new List<MarkdownSection>();
        string? heading = null;
        var body = new List<string>();
        var inFence = false;
        foreach (var raw in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                inFence = !inFence;
            if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                Close();
                heading = line[3..].Trim();
                continue;
            }
            if (!inFence && line.StartsWith("# ", StringComparison.Ordinal) && title is null && heading is null)
            {
                title = line[2..].Trim();
                continue;
            }
            if (heading is not null)
                body.Add(line);
        }
        Close();
        return new MarkdownOutline(title, sections);

        void Close()
        {
            if (heading is not null)
                sections.Add(new MarkdownSection(heading, string.Join('\n', body).Trim()));
            body.Clear();
        }
    }
}

/// <summary>A <c>## </c> heading and the text under it up to the next one.</summary>
public sealed record MarkdownSection(string Heading, string Body);
