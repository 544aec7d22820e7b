using System.Reflection;
using OpsBus.Runbooks.Templates;

namespace OpsBus.Runbooks.Catalog;

/// <summary>
/// The templates OpsBus ships: the <c>Catalog/*.yaml</c> files embedded in this assembly, parsed once.
/// A shipped template that does not parse or validate is a build defect, so reading them throws.
/// </summary>
public static class ShippedTemplates
{
    private const string ResourcePrefix = "OpsBus.Runbooks.Catalog.";
    private static readonly Lazy<IReadOnlyList<RunbookTemplate>> Templates = new(Load);

    /// <summary>Every shipped template, ordered by slug.</summary>
    public static IReadOnlyList<RunbookTemplate> All => Templates.Value;

    public static RunbookTemplate? Find(string slug) =>
        All.FirstOrDefault(t => string.Equals(t.Slug, slug, StringComparison.Ordinal));

    /// <summary>The YAML text of each shipped template, keyed by file name.</summary>
    public static IReadOnlyDictionary<string, string> Sources()
    {
        var assembly = typeof(ShippedTemplates).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToDictionary(name => name[ResourcePrefix.Length..], name => Read(assembly, name), StringComparer.Ordinal);
    }

    private static IReadOnlyList<RunbookTemplate> Load() =>
        Sources().Select(source => Parse(source.Key, source.Value)).OrderBy(t => t.Slug, StringComparer.Ordinal).ToList();

    private static RunbookTemplate Parse(string file, string yaml)
    {
        RunbookTemplate template;
        try
        {
            template = TemplateYaml.Parse(yaml);
        }
        catch (TemplateYamlException ex)
        {
            throw new InvalidOperationException($"The shipped template {file} is not valid YAML: {ex.Message}", ex);
        }

        var errors = TemplateDefinitionValidator.Validate(template);
        if (errors.Count > 0)
            throw new InvalidOperationException($"The shipped template {file} is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return template;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
