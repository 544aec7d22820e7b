using System.Text.RegularExpressions;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Runbooks.Tests.Docs;

/// <summary>docs/adapters.md shows a template using an adapter: it must be one the API would accept.</summary>
public sealed partial class When_the_adapter_guide_shows_a_template
{
    [Fact]
    public void Should_parse_and_validate_as_written()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "adapters.md"));
        var yaml = YamlBlock().Match(guide);
        Assert.True(yaml.Success, "docs/adapters.md has no ```yaml block");

        var template = TemplateYaml.Parse(yaml.Groups["body"].Value);

        Assert.Empty(TemplateDefinitionValidator.Validate(template));
        Assert.Contains(template.Steps, s => s.Action == "statuspage.incident");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpsBus.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("OpsBus.sln not found");
    }

    [GeneratedRegex(@"```yaml\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
