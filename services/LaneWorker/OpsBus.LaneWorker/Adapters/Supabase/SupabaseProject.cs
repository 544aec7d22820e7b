using OpsBus.LaneWorker.Actions;

namespace OpsBus.LaneWorker.Adapters.Supabase;

internal static class SupabaseProject
{
    /// <summary><c>projectRef</c>, or the configured one: lowercase letters and digits, as Supabase issues them.</summary>
    public static string ProjectRef(this StepContext step, SupabaseOptions options)
    {
        var reference = step.StringOr("projectRef", options.ProjectRef);
        return reference.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            ? reference
            : throw step.Invalid($"input 'projectRef' must be a Supabase project reference (lowercase letters and digits), got '{reference}'.");
    }
}
