using System.Text.Json;

namespace OpsBus.Cli.Output;

/// <summary><c>--json</c>: the API's JSON as it answered, indented, one document per command on standard output.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(TextWriter output, JsonElement json)
    {
        output.WriteLine(JsonSerializer.Serialize(json, Indented));
        output.Flush();
    }
}
