using OpsBus.Runbooks.Intents;

namespace OpsBus.Runbooks.Tests.Intents;

/// <summary>
/// What operators type and what the parser must read. Columns: phrase; template (null: must not match);
/// environment; params as "name=value|name=value"; missing as "a|b"; templates that must be among the
/// alternatives; minimum confidence of the best reading.
/// </summary>
public sealed class IntentCorpus
{
    private static readonly IntentParser Parser = new();

    public static TheoryData<string, string?, string?, string, string, string, double> Phrasings { get; } = new()
    {
        // deploy: verbs, synonyms, word order, case, punctuation, refs
        { "deploy api to prod", "deploy", "prod", "service=api", "", "", 0.8 },
        { "deploy prod", "deploy", "prod", "", "", "", 0.8 },
        { "Deploy API to PRODUCTION!", "deploy", "prod", "service=api", "", "", 0.8 },
        { "please deploy the checkout service to staging", "deploy", "staging", "service=checkout", "", "", 0.8 },
        { "ship it to prod", "deploy", "prod", "", "", "", 0.8 },
        { "can you roll out payments on live?", "deploy", "prod", "service=payments", "", "", 0.8 },
        { "roll-out search to stg", "deploy", "staging", "service=search", "", "", 0.8 },
        { "push api to uat", "deploy", "staging", "service=api", "", "", 0.75 },
        { "release v1.4.0 to prod", "deploy", "prod", "ref=v1.4.0", "", "", 0.75 },
        { "deploy api to staging from release/1.2", "deploy", "staging", "service=api|ref=release/1.2", "", "", 0.8 },
        { "deploy api at v1.4.0 on prod", "deploy", "prod", "service=api|ref=v1.4.0", "", "", 0.8 },
        { "deploy web to dev from feature/Login-SSO", "deploy", "dev", "service=web|ref=feature/Login-SSO", "", "", 0.8 },
        { "promote api to production at 3f9c2a1", "deploy", "prod", "service=api|ref=3f9c2a1", "", "", 0.8 },
        { "to prod, deploy api", "deploy", "prod", "service=api", "", "", 0.8 },
        { "prod: deploy billing", "deploy", "prod", "service=billing", "", "", 0.8 },
        { "redeploy worker on development", "deploy", "dev", "service=worker", "", "", 0.8 },
        { "deploy to pr preview", "deploy", "preview", "", "", "", 0.8 },
        { "hi, deploy api to prod please", "deploy", "prod", "service=api", "", "", 0.8 },
        { "DEPLOY\tapi\nto\u0007prod", "deploy", "prod", "service=api", "", "", 0.8 },
        { "ship checkout@v2.3.1 to prod", "deploy", "prod", "service=checkout|ref=v2.3.1", "", "", 0.8 },
        { "deploy from staging to prod", "deploy", "prod", "", "", "", 0.7 },
        { "trigger a deployment of api to stage", "deploy", "staging", "service=api", "", "", 0.75 },
        { "deploy", "deploy", null, "", "environment", "", 0.45 },
        { "deploy api", "deploy", null, "service=api", "environment", "", 0.45 },
        { "ship it", "deploy", null, "", "environment", "", 0.45 },

        // healthcheck
        { "check prod status", "healthcheck", "prod", "", "", "", 0.8 },
        { "is api up in prod?", "healthcheck", "prod", "service=api", "", "", 0.8 },
        { "status of staging", "healthcheck", "staging", "", "", "", 0.75 },
        { "ping checkout on live", "healthcheck", "prod", "service=checkout", "", "", 0.8 },
        { "healthcheck dev", "healthcheck", "dev", "", "", "", 0.8 },
        { "health-check payments in stage", "healthcheck", "staging", "service=payments", "", "", 0.8 },
        { "how's prod doing?", "healthcheck", "prod", "", "", "", 0.75 },
        { "Is the API alive on preview", "healthcheck", "preview", "service=api", "", "", 0.75 },
        { "STATUS PROD", "healthcheck", "prod", "", "", "", 0.75 },
        { "what's the status of prod's api", "healthcheck", "prod", "service=api", "", "", 0.75 },
        { "why is checkout down on prod", "healthcheck", "prod", "service=checkout", "", "", 0.75 },
        { "check api", "healthcheck", null, "service=api", "environment", "", 0.45 },

        // spec-kit-generate: the feature is kept as typed
        { "generate spec for user login with SSO", "spec-kit-generate", null, "feature=user login with SSO", "", "", 0.8 },
        { "write a specification for the password reset flow", "spec-kit-generate", null, "feature=password reset flow", "", "", 0.8 },
        { "create specs about Billing Export v2", "spec-kit-generate", null, "feature=Billing Export v2", "", "", 0.8 },
        { "spec for audit log retention", "spec-kit-generate", null, "feature=audit log retention", "", "", 0.75 },
        { "spec-kit: dark mode toggle", "spec-kit-generate", null, "feature=dark mode toggle", "", "", 0.8 },
        { "write the login page spec", "spec-kit-generate", null, "feature=login page", "", "", 0.8 },
        { "generate a spec for prod deploy dashboards", "spec-kit-generate", null, "feature=prod deploy dashboards", "", "", 0.8 },
        { "Please draft a spec: rate limiting per API key, thanks", "spec-kit-generate", null, "feature=rate limiting per API key", "", "", 0.8 },
        { "can you generate the specs for \"Team invites & roles\" (v2)?", "spec-kit-generate", null, "feature=\"Team invites & roles\" (v2)", "", "", 0.8 },
        { "generate spec", "spec-kit-generate", null, "", "params.feature", "", 0.45 },

        // incident-triage: the error is kept as typed
        { "fix 502 errors in checkout on prod", "incident-triage", "prod", "service=checkout|error=502 errors", "", "", 0.8 },
        { "triage TimeoutException in payments staging", "incident-triage", "staging", "service=payments|error=TimeoutException", "", "", 0.8 },
        { "debug checkout 5xx on live", "incident-triage", "prod", "service=checkout|error=5xx", "", "", 0.8 },
        { "investigate high latency in search on production", "incident-triage", "prod", "service=search|error=high latency", "", "", 0.8 },
        { "look into the outage in checkout on prod", "incident-triage", "prod", "service=checkout", "", "", 0.8 },
        { "troubleshoot NullReferenceException on api, dev", "incident-triage", "dev", "service=api|error=NullReferenceException", "", "", 0.8 },
        { "prod checkout is throwing 503s, please investigate", "incident-triage", "prod", "service=checkout|error=throwing 503s", "", "", 0.8 },
        { "could you look into why payments is failing on staging", "incident-triage", "staging", "service=payments", "", "", 0.8 },
        { "investigate outage on prod", "incident-triage", "prod", "", "params.service", "", 0.45 },
        { "debug payments errors", "incident-triage", null, "service=payments", "environment", "", 0.45 },
        { "triage", "incident-triage", null, "", "environment|params.service", "", 0.4 },

        // schema-sync: the environment is the target, from the source
        { "sync database schema from staging to prod", "schema-sync", "prod", "from=staging", "", "", 0.8 },
        { "sync schema to dev", "schema-sync", "dev", "", "", "", 0.8 },
        { "schema sync prod", "schema-sync", "prod", "", "", "", 0.8 },
        { "migrate db staging -> prod", "schema-sync", "prod", "from=staging", "", "", 0.8 },
        { "migrate db staging->prod", "schema-sync", "prod", "from=staging", "", "", 0.8 },
        { "resync DB to production from UAT", "schema-sync", "prod", "from=staging", "", "", 0.8 },
        { "copy the database schema into preview", "schema-sync", "preview", "", "", "", 0.8 },
        { "align the schemas of dev and staging", "schema-sync", "staging", "from=dev", "", "", 0.7 },
        { "sync the schema to the prod env from the staging env", "schema-sync", "prod", "from=staging", "", "", 0.8 },
        { "sync schema", "schema-sync", null, "", "environment", "", 0.45 },
        { "sync schema from staging", "schema-sync", null, "from=staging", "environment", "", 0.45 },

        // hello
        { "hello", "hello", null, "", "", "", 0.8 },
        { "hi", "hello", null, "", "", "", 0.8 },
        { "Hey there!", "hello", null, "", "", "", 0.8 },
        { "say hello to Ana", "hello", null, "name=Ana", "", "", 0.8 },
        { "greet Ana Maria", "hello", null, "name=Ana Maria", "", "", 0.8 },
        { "HELLO Bob", "hello", null, "name=Bob", "", "", 0.8 },

        // ambiguous: a best reading and the other one among the alternatives
        { "check and deploy staging", "healthcheck", "staging", "", "", "deploy", 0.5 },
        { "deploy prod and staging", "deploy", "prod", "", "", "deploy", 0.5 },
        { "deploy and sync schema on prod", "schema-sync", "prod", "", "", "deploy", 0.5 },
        { "check the 502 errors in checkout on prod", "healthcheck", "prod", "service=checkout", "", "incident-triage", 0.4 },

        // not understood: no reading, suggestions instead
        { "", null, null, "", "", "", 0 },
        { "   ", null, null, "", "", "", 0 },
        { "asdf", null, null, "", "", "", 0 },
        { "make me a sandwich", null, null, "", "", "", 0 },
        { "delete everything", null, null, "", "", "", 0 },
        { "what's the weather", null, null, "", "", "", 0 },
        { "what's the weather like in prod", null, null, "", "", "", 0 },
        { "delete the prod database", null, null, "", "", "", 0 },
        { "drop db on prod", null, null, "", "", "", 0 },
        { "don't deploy prod", null, null, "", "", "", 0 },
        { "cancel the deploy on staging", null, null, "", "", "", 0 },
        { "roll back prod", null, null, "", "", "", 0 },
        { "revert the release on production", null, null, "", "", "", 0 },
        { "restart api on prod", null, null, "", "", "", 0 },
        { "prod", null, null, "", "", "", 0 },
        { "api staging", null, null, "", "", "", 0 },
        { "tell me a joke", null, null, "", "", "", 0 },
        { "42", null, null, "", "", "", 0 },
        { "!!!???", null, null, "", "", "", 0 },
        { "please", null, null, "", "", "", 0 },
        { "\u0000\u0001\u001b[31m", null, null, "", "", "", 0 },
    };

    [Theory]
    [MemberData(nameof(Phrasings))]
    public void Each_phrasing_reads_as_expected(
        string phrase, string? template, string? environment, string parameters, string missing, string alternatives, double minConfidence)
    {
        var result = Parser.Parse(phrase);

        if (template is null)
        {
            Assert.Null(result.Best);
            Assert.Empty(result.Alternatives);
            Assert.NotEmpty(result.Suggestions);
            return;
        }

        var best = Assert.IsType<IntentMatch>(result.Best);
        Assert.Equal(template, best.Template);
        Assert.Equal(environment, best.Environment);
        Assert.Equal(Pairs(parameters), best.Params.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToArray());
        Assert.Equal(List(missing), best.Missing);
        Assert.InRange(best.Confidence, minConfidence, 1);
        if (best.Missing.Count > 0)
        {
            Assert.True(best.Confidence < 0.8, $"a reading missing {missing} is not high confidence ({best.Confidence})");
            Assert.NotEmpty(result.Suggestions);
        }

        foreach (var alternative in List(alternatives))
            Assert.Contains(result.Alternatives, match => match.Template == alternative);
    }

    private static KeyValuePair<string, string>[] Pairs(string parameters) =>
        List(parameters)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => KeyValuePair.Create(parts[0], parts[1]))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToArray();

    private static string[] List(string joined) => joined.Length == 0 ? [] : joined.Split('|');
}
