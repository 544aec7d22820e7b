using OpsBus.Runbooks.SpecKit;

namespace OpsBus.Runbooks.Tests.SpecKit;

public sealed class When_a_spec_kit_is_generated_for_a_feature
{
    private static readonly SpecKitRequest Request = new(
        "Deploy freeze windows",
        "Operators deploy during announced freezes because nothing stops them.",
        ["Refuse deploy runs inside a freeze window", "Let an approver override a freeze with a reason"],
        ["Freezes are stored in UTC", "No deploy is refused without saying which freeze"],
        "olivia");

    [Fact]
    public void Should_write_the_four_files_with_every_required_section_filled()
    {
        var documents = SpecKitGenerator.Generate(Request);

        Assert.Equal(["constitution.md", "prd.md", "plan.md", "tasks.md"], documents.Select(d => d.FileName));
        Assert.Empty(SpecKitValidator.Validate(documents));
    }

    [Fact]
    public void Should_be_byte_for_byte_the_same_for_the_same_inputs()
    {
        var first = SpecKitGenerator.Generate(Request);
        var second = SpecKitGenerator.Generate(Request with { Goals = [.. Request.Goals] });

        Assert.Equal(first, second);
    }

    [Fact]
    public void Should_carry_the_summary_goals_constraints_and_owner_into_the_documents()
    {
        var documents = SpecKitGenerator.Generate(Request).ToDictionary(d => d.FileName, d => d.Content);

        Assert.StartsWith("# Deploy freeze windows — constitution\n", documents["constitution.md"]);
        Assert.Contains("**Constraint**: Freezes are stored in UTC.", documents["constitution.md"]);
        Assert.Equal(Request.Summary, Section(documents["prd.md"], "Problem"));
        Assert.Contains("**R2.** Deploy freeze windows shall let an approver override a freeze with a reason.", documents["prd.md"]);
        Assert.Contains("| Breaking the constraint: No deploy is refused without saying which freeze |", documents["plan.md"]);
        Assert.Contains("- [ ] R1: build — Refuse deploy runs inside a freeze window — owner: olivia — status: todo", documents["tasks.md"]);
    }

    [Theory]
    [InlineData("", "why", "goal", "A feature name is required.")]
    [InlineData("!!!", "why", "goal", "The feature name needs at least one letter or digit.")]
    [InlineData("Feature", " ", "goal", "A summary is required.")]
    [InlineData("Feature", "why", "", "At least one goal is required, and none may be empty.")]
    public void Should_refuse_a_request_it_cannot_make_a_kit_from(string feature, string summary, string goals, string problem)
    {
        var request = new SpecKitRequest(feature, summary, SpecKitRequest.Items(goals), []);

        Assert.Equal(problem, request.Problem());
        Assert.Throws<ArgumentException>(() => SpecKitGenerator.Generate(request));
    }

    [Theory]
    [InlineData("Deploy freeze windows", "deploy-freeze-windows")]
    [InlineData("  Ops: Control  Room / v2 ", "ops-control-room-v2")]
    public void Should_name_the_folder_by_a_slug_of_the_feature(string feature, string slug) =>
        Assert.Equal(slug, SpecKitGenerator.Slug(feature));

    [Fact]
    public void Should_read_goals_given_one_per_line_or_separated_by_semicolons() =>
        Assert.Equal(["first", "second", "third"], SpecKitRequest.Items("- first\n* second; third\n\n"));

    private static string Section(string markdown, string heading) =>
        MarkdownOutline.Parse(markdown).Sections.Single(s => s.Heading == heading).Body;
}
