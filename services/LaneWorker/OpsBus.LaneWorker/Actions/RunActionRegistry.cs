namespace OpsBus.LaneWorker.Actions;

/// <summary>The actions this worker can run, by name.</summary>
public sealed class RunActionRegistry(IEnumerable<IRunAction> actions)
{
    private readonly Dictionary<string, IRunAction> _byName = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public bool TryGet(string name, out IRunAction action) => _byName.TryGetValue(name, out action!);

    public IReadOnlyCollection<string> Names => _byName.Keys;
}
