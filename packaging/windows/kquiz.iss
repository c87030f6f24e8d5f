; Inno Setup 6 script for the kquiz Windows installer (needs Inno Setup >= 6.3 for "x64compatible").
; scripts/build-installer runs it after PyInstaller:
;   ISCC.exe /Q /DAppVersion=0.1.0 /DSourceDir=dist\kquiz /DOutputDir=dist /DRepoRoot=. packaging\windows\kquiz.iss
; It installs the one-folder bundle, a Start-menu entry and (optionally) a desktop shortcut, per user
; by default (no admin prompt) or for all users if the learner picks that on the first page.

#ifndef AppVersion
  #error Pass the version: /DAppVersion=x.y.z
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\kquiz"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef RepoRoot
  #define RepoRoot "..\.."
#endif

[Setup]
; AppId identifies kquiz to Windows across upgrades: never change it.
AppId={{6F1C7A52-3E4B-4C1D-9B8A-2D5E7F10A9C4}
AppName=kquiz
AppVersion={#AppVersion}
AppVerName=kquiz {#AppVersion}
AppPublisher=kquiz developers
AppComments=Flashcards and quizzes about ketamine. For education only; not medical advice.
DefaultDirName={autopf}\kquiz
DefaultGroupName=kquiz
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=kquiz-{#AppVersion}-windows-x64-setup
SetupIconFile={#RepoRoot}\assets\kquiz.ico
UninstallDisplayIcon={app}\kquiz.exe
UninstallDisplayName=kquiz
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Closing a running kquiz before files are replaced keeps the progress database consistent.
CloseApplications=yes
MinVersion=10.0

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the whole bundle: stale libraries from an older version must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\kquiz"; Filename: "{app}\kquiz.exe"; Comment: "Study ketamine facts with flashcards and quizzes"
Name: "{autodesktop}\kquiz"; Filename: "{app}\kquiz.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\kquiz.exe"; Description: "{cm:LaunchProgram,kquiz}"; Flags: nowait postinstall skipifsilent

; The learner's decks and progress live in %LOCALAPPDATA%\kquiz and are kept on uninstall.
