using Actors.Silo.Hosting;

// The operator: `dotnet run --project src/Silo` starts embedded mode when no cluster is
// configured; `--help` lists the flags.
return await SiloProgram.RunAsync(args);
