using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Actors.Emulator.Audit;
using Actors.Emulator.Auth;
using Actors.Emulator.Discovery;
using Actors.Emulator.Faults;
using Actors.Emulator.Handlers;
using Actors.Emulator.Hosting;
using Actors.Emulator.Lifecycle;
using Actors.Emulator.Storage;
using Actors.Emulator.Tables;
using Actors.Emulator.Watch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Emulator;

/// <summary>
/// A Kubernetes API server in-process: HTTPS on 127.0.0.1 with its own CA, bearer tokens, discovery,
/// OpenAPI, CRDs, watches and the API's write semantics, plus controls for tests (faults, the
/// kubelet switch, the audit log).
/// <code>
/// await using var emulator = await KubernetesEmulator.StartAsync(new EmulatorOptions());
/// // kubectl --kubeconfig emulator.KubeconfigPath get pods -A
/// </code>
/// </summary>
public sealed class KubernetesEmulator : IAsyncDisposable
{
    readonly WebApplication app;
    readonly CertificateAuthority ca;
    readonly ObjectLifecycle lifecycle;
    readonly string? temporaryDirectory;

    /// <summary>https://127.0.0.1:PORT</summary>
    public string Url { get; }
    public string KubeconfigPath { get; }
    public string AdminToken { get; }
    public string ReadOnlyToken { get; }
    /// <summary>The CA that signed the serving certificate; trust it to verify the server.</summary>
    public X509Certificate2 CaCertificate => ca.CaCertificate;
    public string CaCertificatePem => ca.CaPem;
    public FaultInjector Faults { get; }
    public AuditLog Audit { get; }
    /// <summary>The simulated kubelet reads this before acting; tests pause it to freeze pod progress.</summary>
    public KubeletSwitch Kubelet { get; }
    public ObjectStore Store { get; }
    public ResourceCatalog Resources { get; }

    KubernetesEmulator(WebApplication app, CertificateAuthority ca, ObjectLifecycle lifecycle, string url, string kubeconfig,
        string? temporaryDirectory, string adminToken, string readOnlyToken, FaultInjector faults, AuditLog audit,
        KubeletSwitch kubelet, ObjectStore store, ResourceCatalog resources)
    {
        this.app = app;
        this.ca = ca;
        this.lifecycle = lifecycle;
        this.temporaryDirectory = temporaryDirectory;
        Url = url;
        KubeconfigPath = kubeconfig;
        AdminToken = adminToken;
        ReadOnlyToken = readOnlyToken;
        Faults = faults;
        Audit = audit;
        Kubelet = kubelet;
        Store = store;
        Resources = resources;
    }

    public static async Task<KubernetesEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var time = options.TimeProvider;
        var adminToken = options.AdminToken ?? NewToken();
        var readOnlyToken = options.ReadOnlyToken ?? NewToken();
        var ca = new CertificateAuthority();
        var store = new ObjectStore(options.EventHistorySize);
        var catalog = new ResourceCatalog();
        var audit = new AuditLog();
        var lifecycle = new ObjectLifecycle(store, catalog, audit, time);
        var faults = new FaultInjector(store);
        var kubelet = new KubeletSwitch();
        var bootstrap = new WriteOptions("system:apiserver", "kube-apiserver");
        var namespaces = catalog.Find("", "v1", "namespaces")!;
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" }.Concat(options.Namespaces).Distinct())
            lifecycle.Create(namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, bootstrap);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(ca.ServerCertificate);
            });
            k.Limits.MaxRequestBodySize = RequestPipeline.MaxRequestBodyBytes;
        });
        var app = builder.Build();
        string url = "";
        var pipeline = new RequestPipeline(
            new TokenAuthenticator(adminToken, readOnlyToken), catalog, new DiscoveryDocuments(catalog, options.KubernetesVersion), new OpenApiDocuments(catalog),
            new ResourceHandler(store, catalog, lifecycle, new TableRenderer(time), new WatchStream(store, time, options), time),
            new AdminEndpoints(faults, kubelet, audit), faults, time, () => url);
        app.Run(pipeline.Invoke);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        url = $"https://127.0.0.1:{new Uri(address).Port}";

        string? temp = null;
        var kubeconfig = options.KubeconfigPath;
        if (kubeconfig is null)
        {
            temp = Directory.CreateTempSubdirectory("actors-emulator-").FullName;
            kubeconfig = Path.Combine(temp, "kubeconfig");
        }
        KubeconfigFile.Write(kubeconfig, options.ContextName, url, ca.CaPem, adminToken);
        return new KubernetesEmulator(app, ca, lifecycle, url, kubeconfig, temp, adminToken, readOnlyToken, faults, audit, kubelet, store, catalog);
    }

    /// <summary>A copy of a stored object, read directly (no request, no audit), or null. Group "" is the core group.</summary>
    public JsonObject? GetObject(string plural, string? @namespace, string name, string group = "") =>
        Store.Get($"{group}/{plural}", @namespace, name)?.DeepClone() as JsonObject;

    /// <summary>Copies of the stored objects of a resource, optionally of one namespace, in namespace/name order.</summary>
    public IReadOnlyList<JsonObject> ListObjects(string plural, string? @namespace = null, string group = "") =>
        Store.List($"{group}/{plural}", @namespace).Select(o => (JsonObject)o.DeepClone()).ToList();

    /// <summary>An HttpClient that trusts the emulator's CA and sends <paramref name="token"/> (the admin token by default; "" for none).</summary>
    public HttpClient CreateHttpClient(string? token = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => ca.Trusts(cert as X509Certificate2 ?? (cert is null ? null : new X509Certificate2(cert))) },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(Url), Timeout = Timeout.InfiniteTimeSpan };
        token ??= AdminToken;
        if (token.Length > 0) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    public async ValueTask DisposeAsync()
    {
        Store.CloseAllWatches();
        await app.StopAsync();
        await app.DisposeAsync();
        lifecycle.Dispose();
        ca.Dispose();
        if (temporaryDirectory is not null)
            try { Directory.Delete(temporaryDirectory, recursive: true); } catch (IOException) { }
    }
}
