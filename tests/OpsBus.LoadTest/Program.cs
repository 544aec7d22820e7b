using OpsBus.LoadTest;

var options = LoadOptions.Parse(args);
var report = await new LoadRunner(options).RunAsync();
Console.WriteLine(report);
return report.Healthy ? 0 : 1;
