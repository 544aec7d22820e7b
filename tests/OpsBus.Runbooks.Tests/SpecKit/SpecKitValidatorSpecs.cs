using OpsBus.Runbooks.SpecKit;

namespace OpsBus.Runbooks.Tests.SpecKit;

public sealed class When_a_spec_kit_folder_is_validated
{
    private static readonly IReadOnlyList<SpecDocument> Valid = SpecKitGenerator.Generate(new SpecKitRequest(
        "Runbook search", "Operators cannot find the runbook they need.", ["Find templates by any word of their title"], []));

    public static TheoryData<string> Files => new(SpecKitFiles.Required.Select(r => r.File));

    public static TheoryData<string, string> Sections()
    {
        var data = new TheoryData<string, string>();
        foreach (var (file, sections) in SpecKitFiles.Required)
        {
            foreach (var section in sections)
                data.Add(file, section);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Should_report_each_missing_file(string file)
    {
        var problems = SpecKitValidator.Validate(Valid.Where(d => d.FileName != file));

        Assert.Equal([new SpecProblem(file, null, "The file is missing.")], problems);
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public void Should_report_each_empty_section_with_its_file_and_heading(string file, string section)
    {
        var problems = SpecKitValidator.Validate(Valid.Select(d => d.FileName == file ? d with { Content = Emptied(d.Content, section) } : d));

        Assert.Equal([new SpecProblem(file, section, "The section is empty.")], problems);
    }

    [Fact]
    public void Should_report_a_missing_section_and_a_missing_title()
    {
        var problems = SpecKitValidator.Validate(Valid.Select(d => d.FileName == SpecKitFiles.Plan
            ? d with { Content = d.Content.Replace("# Runbook search — plan\n", "", StringComparison.Ordinal).Replace("## Risks", "## Dangers", StringComparison.Ordinal) }
            : d));

        Assert.Equal(
            [new SpecProblem("plan.md", null, "The file has no title (a first-level '# ' heading)."), new SpecProblem("plan.md", "Risks", "The section is missing.")],
            problems);
    }

    [Fact]
    public void Should_require_an_owner_for_every_task()
    {
        var tasks = "# Tasks\n\n## Tasks\n\n- [ ] Build it — owner: olivia — status: todo\n- [x] Test it\n";
        var problems = SpecKitValidator.Validate(Valid.Select(d => d.FileName == SpecKitFiles.Tasks ? d with { Content = tasks } : d));

        Assert.Equal([new SpecProblem("tasks.md", "Tasks", "The task '- [x] Test it' names no owner ('owner: …').")], problems);
    }

    [Fact]
    public void Should_ignore_headings_inside_code_fences()
    {
        var prd = Valid.Single(d => d.FileName == SpecKitFiles.Prd).Content.Replace("## Goals\n", "```\n## Goals\n```\n", StringComparison.Ordinal);

        var problems = SpecKitValidator.Validate(Valid.Select(d => d.FileName == SpecKitFiles.Prd ? d with { Content = prd } : d));

        Assert.Contains(new SpecProblem("prd.md", "Goals", "The section is missing."), problems);
    }

    [Fact]
    public void Should_validate_a_folder_on_disk()
    {
        var folder = Directory.CreateTempSubdirectory("opsbus-spec-").FullName;
        try
        {
            foreach (var document in Valid.Where(d => d.FileName != SpecKitFiles.Tasks))
                File.WriteAllText(Path.Combine(folder, document.FileName), document.Content);

            Assert.Equal([new SpecProblem("tasks.md", null, "The file is missing.")], SpecKitValidator.ValidateFolder(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The project's own Spec Kit: CI fails when it is incomplete.</summary>
    [Fact]
    public void Should_find_nothing_wrong_with_the_projects_own_spec()
    {
        var spec = Path.Combine(RepositoryRoot(), "spec");
        var folders = Directory.GetDirectories(spec);

        Assert.NotEmpty(folders);
        foreach (var folder in folders)
            Assert.Empty(SpecKitValidator.ValidateFolder(folder).Select(p => $"{Path.GetFileName(folder)}/{p}"));
    }

    private static string Emptied(string markdown, string section)
    {
        var lines = markdown.Split('\n').ToList();
        var start = lines.IndexOf($"## {section}");
        var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        lines.RemoveRange(start + 1, (end < 0 ? lines.Count : end) - start - 1);
        return string.Join('\n', lines);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpsBus.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("OpsBus.sln not found");
    }
}
