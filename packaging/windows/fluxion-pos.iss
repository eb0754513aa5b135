; Inno Setup 6.3 or newer script for Fluxion POS on Windows (64-bit).
;
; Build the bundle first, on Windows, from the repository root:
;   .venv\Scripts\pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\fluxion-pos.spec
; then compile this script (paths below are relative to this file):
;   iscc /DAppVersion=0.1.0 packaging\windows\fluxion-pos.iss
; The installer lands in dist\installer\FluxionPOS-<version>-setup.exe.
;
; Upgrades: the AppId below never changes, so a newer installer replaces the program folder in
; place. The store's data lives outside it, in %LOCALAPPDATA%\FluxionPOS (the platform's user data
; folder), and is never removed, not even by the uninstaller; the till migrates its database on
; the next start.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Fluxion POS"
; The PyInstaller folder to package; /DBundleDir=PATH on the command line points elsewhere.
#ifndef BundleDir
  #define BundleDir "..\..\dist\fluxion-pos"
#endif

[Setup]
AppId={{6090F599-5A9D-4FF9-BB0F-559F03E87E0E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Fluxion POS
DefaultDirName={autopf}\Fluxion POS
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir=..\..\dist\installer
OutputBaseFilename=FluxionPOS-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\fluxion-pos.ico
UninstallDisplayIcon={app}\fluxion-pos-gui.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
; A till that is open holds its files: ask to close it before replacing them.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of the previous version that this one no longer ships must not linger beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\fluxion-pos-gui.exe"; WorkingDir: "{app}"
; A console with the maintenance commands (backup, restore, diagnostics), opened in the profile
; folder of whoever starts it: the shell expands %USERPROFILE% at launch. ({userdocs} would be
; the folder of the administrator who ran this all-users install, which other users cannot use.)
; The program folder goes first on that console's PATH, so `fluxion-pos backup FILE` works there
; as the guides write it; the system PATH is left alone.
Name: "{autoprograms}\{#AppName} (command line)"; Filename: "{cmd}"; Parameters: "/k set ""PATH={app};%PATH%"" && fluxion-pos --help"; WorkingDir: "%USERPROFILE%"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\fluxion-pos-gui.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\fluxion-pos-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
