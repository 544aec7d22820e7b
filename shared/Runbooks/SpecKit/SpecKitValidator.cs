namespace OpsBus.Runbooks.SpecKit;

/// <summary>
/// Checks a Spec Kit: the four files are there, each has a title and its required sections (second-level headings,
/// matched without regard to case), no section is empty, and the tasks are a checklist or table with an owner and
/// a status for each.
/// </summary>
public static class SpecKitValidator
{
    /// <summary>Validates the files of a folder on disk.</summary>
    public static IReadOnlyList<SpecProblem> ValidateFolder(string folder)
    {
        if (!Directory.Exists(folder))
            return [new SpecProblem(folder, null, "The folder does not exist.")];
        var documents = SpecKitFiles.Required
            .Select(required => Path.Combine(folder, required.File))
            .Where(File.Exists)
            .Select(path => new SpecDocument(Path.GetFileName(path), File.ReadAllText(path)));
        return Validate(documents);
    }

    /// <summary>Validates documents given by name (file names other than the four are ignored).</summary>
    public static IReadOnlyList<SpecProblem> Validate(IEnumerable<SpecDocument> documents)
    {
        var byName = documents.ToDictionary(d => d.FileName, d => d.Content, StringComparer.Ordinal);
        var problems = new List<SpecProblem>();
        foreach (var (file, sections) in SpecKitFiles.Required)
        {
            if (!byName.TryGetValue(file, out var content))
            {
                problems.Add(new SpecProblem(file, null, "The file is missing."));
                continue;
            }
            var outline = MarkdownOutline.Parse(content);
            if (string.IsNullOrWhiteSpace(outline.Title))
                problems.Add(new SpecProblem(file, null, "The file has no title (a first-level '# ' heading)."));
            foreach (var section in sections)
            {
                var found = outline.Sections.FirstOrDefault(s => string.Equals(s.Heading, section, StringComparison.OrdinalIgnoreCase));
                if (found is null)
                    problems.Add(new SpecProblem(file, section, "The section is missing."));
                else if (string.IsNullOrWhiteSpace(found.Body))
                    problems.Add(new SpecProblem(file, section, "The section is empty."));
                else if (file == SpecKitFiles.Tasks)
                    problems.AddRange(TaskProblems(found.Body).Select(message => new SpecProblem(file, section, message)));
            }
        }
        return problems;
    }

    private static IEnumerable<string> TaskProblems(string body)
    {
        var lines = body.Split('\n').Select(l => l.Trim()).ToList();
        var checklist = lines.Where(l => l.StartsWith("- [", StringComparison.Ordinal)).ToList();
        var table = lines.Where(l => l.StartsWith('|')).ToList();
        if (checklist.Count > 0)
        {
            foreach (var item in checklist.Where(item => !item.Contains("owner:", StringComparison.OrdinalIgnoreCase)))
                yield return $"The task '{item}' names no owner ('owner: …').";
            yield break;
        }
        if (table.Count >= 3)
        {
            var header = table[0].ToLowerInvariant();
            if (!header.Contains("owner", StringComparison.Ordinal) || !header.Contains("status", StringComparison.Ordinal))
                yield return "The task table needs 'owner' and 'status' columns.";
            yield break;
        }
        yield return "The tasks are neither a checklist ('- [ ] … owner: …') nor a table with owner and status.";
    }
}
