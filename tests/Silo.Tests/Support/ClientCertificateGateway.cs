using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Actors.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Silo.Tests.Support;

/// <summary>
/// An API server front that authenticates callers by TLS client certificate, as kube-apiserver
/// does with <c>--client-ca-file</c>. The emulator itself only knows bearer tokens, so this
/// gateway terminates TLS with its own CA, requires a client certificate signed by that CA, and
/// passes each request on to the emulator as its admin (streaming, so watches work). A request
/// without a valid certificate gets 401 and never reaches the emulator.
/// </summary>
public sealed class ClientCertificateGateway : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient upstream;
    private long authenticated;
    private long refused;

    private ClientCertificateGateway(WebApplication app, HttpClient upstream, TestCertificates certificates, Uri url)
    {
        this.app = app;
        this.upstream = upstream;
        Certificates = certificates;
        Url = url;
    }

    public TestCertificates Certificates { get; }
    public Uri Url { get; }

    /// <summary>Requests that came with a client certificate of the gateway's CA.</summary>
    public long Authenticated => Interlocked.Read(ref authenticated);

    /// <summary>Requests refused for want of one.</summary>
    public long Refused => Interlocked.Read(ref refused);

    public static async Task<ClientCertificateGateway> StartAsync(KubernetesEmulator emulator)
    {
        var certificates = TestCertificates.Create();
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && Chains(new X509Certificate2(certificate), emulator.CaCertificate);
        var upstream = new HttpClient(handler) { BaseAddress = new Uri(emulator.Url), Timeout = Timeout.InfiniteTimeSpan };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = certificates.Server;
            // Allowed rather than required, so a caller without one gets a clear 401 instead of a failed handshake.
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => Chains(certificate, certificates.Authority);
        })));
        var app = builder.Build();
        ClientCertificateGateway? gateway = null;
        app.Run(context => gateway!.ForwardAsync(context, emulator.AdminToken));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway = new ClientCertificateGateway(app, upstream, certificates, new Uri(address.Replace("[::]", "127.0.0.1")));
        return gateway;
    }

    private async Task ForwardAsync(HttpContext context, string adminToken)
    {
        var certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        if (certificate is null)
        {
            Interlocked.Increment(ref refused);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized: no client certificate","reason":"Unauthorized","code":401}""");
            return;
        }
        Interlocked.Increment(ref authenticated);

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
            if (context.Request.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        foreach (var accept in context.Request.Headers.Accept) request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.Authorization = new("Bearer", adminToken);

        using var response = await upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (header.Key is "Transfer-Encoding" or "Content-Length") continue;
            context.Response.Headers[header.Key] = header.Value.ToArray();
        }
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted); // watch events go out as they come
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private static bool Chains(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        upstream.Dispose();
        Certificates.Dispose();
    }
}

/// <summary>
/// A throwaway CA, a serving certificate for 127.0.0.1 and a client certificate (RSA throughout,
/// the client key as PKCS#1 as kubeadm writes it), all PEM-exportable for a kubeconfig.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 authority, X509Certificate2 server, X509Certificate2 client, string clientKeyPem)
    {
        Authority = authority;
        Server = server;
        Client = client;
        ClientKeyPem = clientKeyPem;
    }

    public X509Certificate2 Authority { get; }
    public X509Certificate2 Server { get; }
    public X509Certificate2 Client { get; }
    public string AuthorityPem => Authority.ExportCertificatePem();
    public string ClientCertificatePem => Client.ExportCertificatePem();
    public string ClientKeyPem { get; }

    public static TestCertificates Create()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=client-certificate-gateway-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=kube-apiserver", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var serverSigned = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), Serial());
        using var serverWithKey = serverSigned.CopyWithPrivateKey(serverKey);

        using var clientKey = RSA.Create(2048);
        var clientRequest = new CertificateRequest("CN=actors-operator, O=system:masters", clientKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var clientSigned = clientRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), Serial());

        return new TestCertificates(
            X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert)),
            X509CertificateLoader.LoadPkcs12(serverWithKey.Export(X509ContentType.Pkcs12), null),
            X509CertificateLoader.LoadCertificate(clientSigned.Export(X509ContentType.Cert)),
            clientKey.ExportRSAPrivateKeyPem());
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        return serial;
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
        Client.Dispose();
    }
}
