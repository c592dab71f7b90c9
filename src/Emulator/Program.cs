// Standalone emulator entry point; the server itself comes with issue 4.
Console.WriteLine("Kubernetes API emulator: not yet implemented.");
