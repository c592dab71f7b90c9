namespace Actors.Silo.Hosting;

/// <summary>
/// Bearer tokens of the operator's HTTP and gRPC APIs, read from the file named by
/// ACTORS_API_TOKENS_FILE (the Secret actors-operator-api-tokens, key "tokens", in
/// deploy/operator/deployment.yaml). One token per line as <c>admin:TOKEN</c> or
/// <c>read:TOKEN</c>; blank lines and lines starting with '#' are ignored.
/// </summary>
public sealed record ApiTokens(IReadOnlyList<string> Admin, IReadOnlyList<string> Read)
{
    public const string FileVariable = "ACTORS_API_TOKENS_FILE";

    public static ApiTokens None { get; } = new([], []);

    /// <summary>Parses the file's text; throws <see cref="FormatException"/> naming the bad line.</summary>
    public static ApiTokens Parse(string text, string source)
    {
        List<string> admin = [], read = [];
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var colon = line.IndexOf(':');
            var role = colon < 0 ? "" : line[..colon].Trim();
            var token = colon < 0 ? "" : line[(colon + 1)..].Trim();
            if (token.Length == 0 || role is not ("admin" or "read"))
                throw new FormatException($"{source} line {i + 1}: expected 'admin:TOKEN' or 'read:TOKEN'.");
            (role == "admin" ? admin : read).Add(token);
        }

        return new(admin, read);
    }

    /// <summary>The tokens of ACTORS_API_TOKENS_FILE; none when the variable is unset or the file absent (an optional Secret).</summary>
    public static ApiTokens FromEnvironment(Func<string, string?> variable)
    {
        var path = variable(FileVariable);
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path)) return None;
        return Parse(File.ReadAllText(path), path);
    }
}
