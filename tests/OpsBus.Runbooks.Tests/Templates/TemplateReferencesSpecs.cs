using OpsBus.Runbooks.Templates;

namespace OpsBus.Runbooks.Tests.Templates;

public sealed class When_references_are_read_from_a_string
{
    [Fact]
    public void Each_form_is_recognised_with_or_without_inner_whitespace()
    {
        var found = TemplateReferences.Find("${{params.a_1}} ${{  env  }} ${{ steps.dispatch-1.outputs.runId }} ${{ secrets.x }}");

        Assert.Equal(
            [TemplateReferenceKind.Parameter, TemplateReferenceKind.Environment, TemplateReferenceKind.StepOutput, TemplateReferenceKind.Unknown],
            found.Select(r => r.Kind));
        Assert.Equal("a_1", found[0].ParameterKey);
        Assert.Equal(("dispatch-1", "runId"), (found[2].StepId, found[2].Output));
        Assert.Equal("secrets.x", found[3].Expression);
    }

    [Fact]
    public void A_whole_reference_is_told_apart_from_one_inside_text()
    {
        Assert.True(TemplateReferences.TryParseWhole("${{ params.port }}", out var whole));
        Assert.Equal("port", whole.ParameterKey);
        Assert.False(TemplateReferences.TryParseWhole(" ${{ params.port }}", out _));
        Assert.False(TemplateReferences.TryParseWhole("${{ params.a }}${{ params.b }}", out _));
        Assert.False(TemplateReferences.TryParseWhole("no reference", out _));
    }

    [Fact]
    public void Replace_substitutes_what_the_caller_resolves_and_keeps_the_rest_as_written()
    {
        var text = TemplateReferences.Replace(
            "run ${{ steps.d.outputs.runId }} of ${{ params.repo }} in ${{env}}",
            r => r.Kind == TemplateReferenceKind.StepOutput ? "42" : null);

        Assert.Equal("run 42 of ${{ params.repo }} in ${{env}}", text);
    }

    [Fact]
    public void Text_without_a_complete_reference_is_left_alone()
    {
        Assert.Empty(TemplateReferences.Find("${ params.a } {{ env }} ${{ env"));
        Assert.Equal("$5 {x}", TemplateReferences.Replace("$5 {x}", _ => "never"));
    }
}
