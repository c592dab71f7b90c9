using Actors.Kubernetes;
using Actors.MembershipSilo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

// membership-silo <kubeconfig> <namespace> <clusterId> <siloName>: runs until stopped (SIGTERM is a
// graceful stop). Prints "started <silo address>" once the silo is running.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: membership-silo <kubeconfig> <namespace> <clusterId> <siloName>");
    return 2;
}
var client = KubernetesClients.Create(Kubeconfig.Load([args[0]]).Configuration);
using var host = MembershipSiloHost.Build(client, args[1], args[2], args[3], MembershipSiloHost.FreePort(), MembershipSiloHost.FreePort());
await host.StartAsync();
Console.WriteLine($"started {host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString()}");
await host.WaitForShutdownAsync();
return 0;

