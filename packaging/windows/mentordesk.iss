; Mentor Desk installer (Inno Setup 6). Built by build-windows.ps1, which passes:
;   /DAppVersion=0.1.0  (from app/__init__.py, the one place the version is written)
;   /DSourceDir=...\build\dist\mentordesk   /DIconFile=...\build\mentordesk.ico
; Per-user: no administrator rights, installed under %LOCALAPPDATA%\Programs\Mentor Desk.
; The data lives elsewhere (%LOCALAPPDATA%\MentorDesk, from platformdirs), so an upgrade or an
; uninstall leaves it alone; the uninstaller asks, defaulting to No, before deleting it.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (build-windows.ps1 does)
#endif
#ifndef SourceDir
  #define SourceDir "..\..\build\dist\mentordesk"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\mentordesk.ico"
#endif

[Setup]
AppId={{5B0C6E5A-3C1D-4C8E-9A8B-6D2E4F7A1C25}
AppName=Mentor Desk
AppVersion={#AppVersion}
AppPublisher=Mentor Desk
AppComments=Run a mentoring programme in a small childcare setting, offline, on this computer
DefaultDirName={localappdata}\Programs\Mentor Desk
DefaultGroupName=Mentor Desk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputBaseFilename=MentorDesk-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\mentordesk.exe
UninstallDisplayName=Mentor Desk
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Put a Mentor Desk shortcut on the desktop"; Flags: unchecked

[Files]
; The whole PyInstaller folder: the same contents as the Linux bundle (see build-windows.ps1).
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Mentor Desk"; Filename: "{app}\mentordesk.exe"; Comment: "Your mentoring programme"
Name: "{group}\Uninstall Mentor Desk"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Mentor Desk"; Filename: "{app}\mentordesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\mentordesk.exe"; Description: "Open Mentor Desk now"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer put there; never the data folder (see [Code]).
Type: filesandordirs; Name: "{app}\_internal"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    DataDir := ExpandConstant('{localappdata}\MentorDesk');
    if DirExists(DataDir) and not UninstallSilent() then
      if MsgBox('Mentor Desk has been removed. Your programme data is still kept in:' + #13#10 +
                DataDir + #13#10#13#10 +
                'Delete your data as well? Choose No to keep it (you can install Mentor Desk ' +
                'again later and carry on). Choose Yes only if you are sure: this cannot be undone.',
                mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(DataDir, True, True, True);
  end;
end;
