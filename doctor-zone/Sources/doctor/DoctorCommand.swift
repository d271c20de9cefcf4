import ArgumentParser

@main
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Reads logs, finds the root cause, and writes the Terraform fix.",
        subcommands: [
            DiagnoseCommand.self,
            TemplatesCommand.self,
            ServeCommand.self,
        ]
    )
}
