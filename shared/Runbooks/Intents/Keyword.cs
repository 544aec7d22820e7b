namespace OpsBus.Runbooks.Intents;

/// <summary>How strongly a word points at a template.</summary>
internal enum Cue
{
    /// <summary>A generic verb that needs its object to be sure ("push", "fix", "create").</summary>
    Weak,

    /// <summary>A verb (or slug) that names the template on its own ("deploy", "triage", "sync").</summary>
    Strong,

    /// <summary>A noun the template acts on ("spec", "schema", "errors", "status").</summary>
    Object,
}

/// <summary>A vocabulary word that belongs to one template.</summary>
internal sealed record Keyword(string Template, Cue Cue);
