namespace OpsBus.Orchestrator.Api;

/// <summary>A session: a named set of lanes, each running one of the session's runs at a time.</summary>
public sealed class SessionRecord
{
    /// <summary>A slug, e.g. <c>release-42-x7k2mq</c>.</summary>
    public string Id { get; set; } = null!;

    public string Name { get; set; } = null!;

    public List<string> Lanes { get; set; } = [];

    public string CreatedBy { get; set; } = null!;

    public DateTime CreatedAt { get; set; }

    /// <summary>Set once the session is archived; an archived session accepts no new runs.</summary>
    public DateTime? ArchivedAt { get; set; }
}
