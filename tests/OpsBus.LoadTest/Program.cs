using OpsBus.LoadTest;
using OpsBus.LoadTest.Peer;
using OpsBus.LoadTest.Scenarios;

// --scenario load (the default) | throughput | latency | soak | cancel | recovery | artifacts | embedded | bus-floor
//   | hangfire-throughput | hangfire-latency | report;  --results FILE collects each scenario's figures for "report".
var arguments = new Arguments(args);
var scenario = arguments.Get("scenario", "load");
var results = arguments.Find("results");

if (scenario == "report")
{
    foreach (var line in BenchReport.Lines(BenchResult.ReadAll(arguments.Get("results"))))
        Console.WriteLine(line);
    return 0;
}

BenchResult result;
var healthy = true;
switch (scenario)
{
    case "load" or "throughput" or "latency" or "soak":
        var (report, loadResult) = await LoadScenarios.RunAsync(scenario, arguments);
        Console.WriteLine(report);
        (result, healthy) = (loadResult, report.Healthy);
        break;
    case "cancel":
        result = await CancelScenario.RunAsync(arguments);
        break;
    case "recovery":
        result = await RecoveryScenario.RunAsync(arguments);
        break;
    case "artifacts":
        result = await ArtifactsScenario.RunAsync(arguments);
        break;
    case "bus-floor":
        result = await BusFloorScenario.RunAsync(arguments);
        break;
    case "embedded":
        result = await EmbeddedScenario.RunAsync(arguments);
        break;
    case "hangfire-throughput" or "hangfire-latency":
        result = await HangfirePeer.RunAsync(arguments, scenario["hangfire-".Length..]);
        break;
    default:
        Console.Error.WriteLine($"unknown scenario '{scenario}'");
        return 2;
}

BenchResult.Append(results, result);
if (scenario != "load")
    Console.WriteLine(BenchReport.Lines([result]).Single());
return healthy ? 0 : 1;
