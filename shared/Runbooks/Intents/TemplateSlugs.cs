namespace OpsBus.Runbooks.Intents;

/// <summary>The template slugs the parser can name. They must match the template catalog's slugs.</summary>
public static class TemplateSlugs
{
    public const string Deploy = "deploy";
    public const string Healthcheck = "healthcheck";
    public const string SpecKitGenerate = "spec-kit-generate";
    public const string IncidentTriage = "incident-triage";
    public const string SchemaSync = "schema-sync";
    public const string Hello = "hello";
}
