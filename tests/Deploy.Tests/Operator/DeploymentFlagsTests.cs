using System.Text.Json.Nodes;
using Actors.Deploy.Tests.Support;
using Actors.Silo.Hosting;

namespace Actors.Deploy.Tests.Operator;

/// <summary>The Deployment speaks the silo's language: its flags parse, its ports and token file are the ones the silo uses.</summary>
public sealed class DeploymentFlagsTests
{
    static async Task<(JsonNode Pod, JsonNode Container)> Operator()
    {
        var deployment = (await RenderedOperator.Load()).Single("Deployment", "actors-operator");
        var pod = deployment.At("spec", "template", "spec")!;
        return (pod, Assert.Single(pod.Items("containers")));
    }

    [Fact]
    public async Task Container_arguments_are_flags_the_silo_accepts()
    {
        var (_, container) = await Operator();
        var commandLine = new SiloCommandLine();

        var parsed = commandLine.Parse(container.Strings("args"));

        Assert.True(parsed.Errors.Count == 0, "The silo refuses the Deployment's args: " + string.Join("; ", parsed.Errors.Select(e => e.Message)));
        var options = commandLine.OptionsFrom(parsed);
        Assert.Equal("actors-operator", options.OperatorCluster);
        Assert.False(options.InstallCrd); // kubectl apply -k installs the CRD; the operator has no need to
        Assert.Empty(options.WatchNamespaces);
        Assert.False(options.Embedded);
    }

    [Fact]
    public async Task Container_ports_are_where_the_silo_listens_on_all_interfaces()
    {
        var (_, container) = await Operator();
        var commandLine = new SiloCommandLine();
        var options = commandLine.OptionsFrom(commandLine.Parse(container.Strings("args")));

        long Port(string name) => container.Items("ports").Single(p => p.Str("name") == name).At("containerPort")!.GetValue<long>();

        Assert.Equal((options.HttpAddress.Host, (long)options.HttpAddress.Port), ("0.0.0.0", Port("http")));
        Assert.Equal((options.GrpcAddress.Host, (long)options.GrpcAddress.Port), ("0.0.0.0", Port("grpc")));
    }

    [Fact]
    public async Task Api_tokens_file_comes_from_the_optional_actors_operator_api_tokens_secret()
    {
        var (pod, container) = await Operator();

        var file = container.Items("env").Single(e => e.Str("name") == ApiTokens.FileVariable).Str("value")!;

        var mount = container.Items("volumeMounts").Single(m => m.Str("mountPath") == Path.GetDirectoryName(file));
        Assert.True(mount.At("readOnly")!.GetValue<bool>());
        var volume = pod.Items("volumes").Single(v => v.Str("name") == mount.Str("name"));
        Assert.Equal("actors-operator-api-tokens", volume.Str("secret", "secretName"));
        // Optional: the operator starts without the Secret; its API then refuses requests until tokens exist.
        Assert.True(volume.At("secret", "optional")!.GetValue<bool>());
        // A Secret volume without items names each file after its key: the key is "tokens".
        Assert.Empty(volume.Items("secret", "items"));
        Assert.Equal("tokens", Path.GetFileName(file));
    }
}
