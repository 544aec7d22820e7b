namespace OpsBus.Runbooks.Templates;

/// <summary>
/// The YAML form of a template (camelCase keys, as in the JSON form). <see cref="Parse"/> throws
/// <see cref="TemplateYamlException"/> with the line and column of malformed YAML, unknown keys or values of the
/// wrong kind; it does not judge the template (see <see cref="TemplateDefinitionValidator"/>).
/// <c>Parse(Serialize(t))</c> is equivalent to <c>t</c> (see <see cref="TemplateJson.AreEquivalent"/>).
/// </summary>
public static class TemplateYaml
{
    public static string Serialize(RunbookTemplate template) => YamlTemplateWriter.Write(template);

    public static RunbookTemplate Parse(string yaml) => YamlTemplateReader.Read(yaml);
}
