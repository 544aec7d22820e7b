using System.Collections.Frozen;

namespace OpsBus.Runbooks.Intents;

/// <summary>
/// The vocabulary the parser knows: environments and their synonyms, the words that name each template's
/// action or object, and the words that carry no meaning on their own. Entries with a space are phrases;
/// the tokenizer joins them (and their hyphenated spellings, e.g. "roll-out") into one token.
/// </summary>
internal static class Lexicon
{
    /// <summary>
    /// Canonical environment → the words operators use for it. Choices: "live" and "prd" are production;
    /// "uat" and "pre-prod" are the last stop before production, which is staging's role here; "qa" and "test"
    /// are left out because teams use them for different stages (they read as service names instead);
    /// "develop" is left out because it is usually a branch name.
    /// </summary>
    public static readonly FrozenDictionary<string, string> Environments = Expand(new Dictionary<string, string[]>
    {
        ["prod"] = ["prod", "production", "live", "prd"],
        ["staging"] = ["staging", "stage", "stg", "uat", "preprod", "pre-prod"],
        ["dev"] = ["dev", "development"],
        ["preview"] = ["preview", "previews", "pr preview", "preview env", "review app"],
    });

    /// <summary>Words that say which template is meant, with how strongly they say it.</summary>
    public static readonly FrozenDictionary<string, Keyword> Keywords = Describe(new Dictionary<string, (Cue, string[])[]>
    {
        [TemplateSlugs.Deploy] =
        [
            (Cue.Strong, ["deploy", "redeploy", "ship", "roll out", "rollout", "promote"]),
            (Cue.Weak, ["push", "release"]),
            (Cue.Object, ["deployment", "deployments"]),
        ],
        [TemplateSlugs.Healthcheck] =
        [
            (Cue.Strong, ["check", "ping", "probe", "verify", "healthcheck", "health check", "health-check"]),
            (Cue.Weak, ["up", "down", "alive", "healthy", "how's", "hows", "how is", "how are"]),
            (Cue.Object, ["status", "health", "uptime"]),
        ],
        [TemplateSlugs.SpecKitGenerate] =
        [
            (Cue.Strong, ["spec-kit-generate", "spec kit", "speckit"]),
            (Cue.Weak, ["generate", "create", "write", "draft", "make", "produce"]),
            (Cue.Object, ["spec", "specs", "specification", "specifications"]),
        ],
        [TemplateSlugs.IncidentTriage] =
        [
            (Cue.Strong, ["incident-triage", "triage", "investigate", "debug", "troubleshoot", "diagnose", "look into", "dig into"]),
            (Cue.Weak, ["fix"]),
            (Cue.Object, [
                "error", "errors", "incident", "incidents", "outage", "outages", "exception", "exceptions",
                "failure", "failures", "failing", "crash", "crashes", "crashing", "alert", "alerts", "bug", "bugs",
                "issue", "issues", "problem", "problems", "latency", "timeout", "timeouts", "4xx", "5xx"]),
        ],
        [TemplateSlugs.SchemaSync] =
        [
            (Cue.Strong, ["schema-sync", "schema sync", "sync", "synchronize", "synchronise", "resync"]),
            (Cue.Weak, ["migrate", "align", "copy"]),
            (Cue.Object, ["schema", "schemas", "database", "databases", "db", "dbs", "migration", "migrations", "ddl"]),
        ],
        [TemplateSlugs.Hello] =
        [
            (Cue.Strong, ["hello", "hi", "hey", "howdy", "greet", "greetings", "good morning"]),
        ],
    });

    /// <summary>
    /// Words that cancel, reverse or refuse an action. A sentence containing one is never read as a request to
    /// run a template: "don't deploy prod" or "roll back the release" must not start a deploy.
    /// </summary>
    public static readonly FrozenSet<string> Vetoes = FrozenSet.ToFrozenSet(
    [
        "don't", "dont", "do not", "never", "cancel", "abort", "stop", "undo", "revert", "rollback", "roll back",
        "undeploy",
    ]);

    /// <summary>
    /// Words with no meaning of their own: politeness, articles, pronouns, prepositions, and generic verbs that
    /// hand the meaning to their object ("run a healthcheck", "trigger a deploy"). Recognizers still look at the
    /// prepositions next to a slot ("from staging", "in checkout", "spec for ...").
    /// </summary>
    public static readonly FrozenSet<string> Fillers = FrozenSet.ToFrozenSet(
    [
        "please", "pls", "plz", "kindly", "thanks", "thank", "thx", "ok", "okay", "can", "could", "would", "will",
        "you", "u", "i", "me", "we", "us", "my", "our", "the", "a", "an", "to", "on", "in", "at", "into", "onto",
        "for", "from", "of", "with", "about", "by", "via", "using", "and", "then", "now", "also", "again", "just",
        "it", "this", "that", "these", "those", "is", "are", "was", "be", "do", "does", "what", "what's", "whats",
        "how", "why", "who", "when", "where", "which", "there", "let", "let's", "lets", "go", "ahead", "want", "wanna", "need", "some", "run", "start",
        "trigger", "kick", "off", "execute", "perform", "env", "environment", "service", "svc", "app", "say",
        "ref", "branch", "tag", "sha", "commit", "version", "doing", "asap", "->", "=>", "→",
    ]);

    /// <summary>Words between a preposition and its noun that change nothing about the slot ("to the prod env").</summary>
    public static readonly FrozenSet<string> Determiners = FrozenSet.ToFrozenSet(["the", "a", "an", "our", "my", "this", "that"]);

    /// <summary>Prepositions that introduce a place: the word after one is a service or an environment.</summary>
    public static readonly FrozenSet<string> PlacePreposition = FrozenSet.ToFrozenSet(["in", "on", "at", "for", "of"]);

    /// <summary>Words that introduce a git reference in a deploy ("from release/1.2", "at v1.4.0", "tag v2").</summary>
    public static readonly FrozenSet<string> RefMarkers = FrozenSet.ToFrozenSet(
        ["from", "at", "ref", "branch", "tag", "sha", "commit", "version", "@"]);

    /// <summary>Words that mark a destination ("to prod", "into staging", "-> prod").</summary>
    public static readonly FrozenSet<string> Destinations = FrozenSet.ToFrozenSet(["to", "into", "onto", "->", "=>", "→"]);

    /// <summary>Every multi-word entry, longest first, for the tokenizer to join.</summary>
    public static readonly IReadOnlyList<string[]> Phrases = Environments.Keys
        .Concat(Keywords.Keys).Concat(Vetoes).Concat(Fillers)
        .Where(entry => entry.Contains(' ', StringComparison.Ordinal))
        .Select(entry => entry.Split(' '))
        .OrderByDescending(words => words.Length).ThenBy(words => string.Join(' ', words), StringComparer.Ordinal)
        .ToArray();

    /// <summary>Whether <paramref name="norm"/> is an entry of any table.</summary>
    public static bool Knows(string norm) =>
        Environments.ContainsKey(norm) || Keywords.ContainsKey(norm) || Vetoes.Contains(norm) || Fillers.Contains(norm);

    private static FrozenDictionary<string, string> Expand(Dictionary<string, string[]> synonyms) =>
        synonyms.SelectMany(pair => pair.Value.Select(word => KeyValuePair.Create(word, pair.Key)))
            .ToFrozenDictionary(StringComparer.Ordinal);

    private static FrozenDictionary<string, Keyword> Describe(Dictionary<string, (Cue Cue, string[] Words)[]> templates) =>
        templates.SelectMany(template => template.Value.SelectMany(group =>
                group.Words.Select(word => KeyValuePair.Create(word, new Keyword(template.Key, group.Cue)))))
            .ToFrozenDictionary(StringComparer.Ordinal);
}
