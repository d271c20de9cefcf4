import ArgumentParser

@main
struct PatientAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patient-api",
        abstract: "The Patient Zone's auth API and its tools.",
        subcommands: [
            ServeCommand.self,
            MigrateCommand.self,
            HashPasswordCommand.self,
            VerifyPasswordCommand.self,
        ]
    )
}
