namespace OpsBus.LaneWorker.Adapters.DigitalOcean;

/// <summary>DigitalOcean's API v2. Bound from <c>LaneWorker:DigitalOcean</c>.</summary>
public sealed class DigitalOceanOptions() : VendorOptions("DigitalOcean", "https://api.digitalocean.com/");
