import { acceptEvidence, attachmentDisposition, storedName, zipPaths } from './evidence-files.js';

describe('evidence files', () => {
  it('accepts PDF, images, Word and Excel by their content, whatever their name', () => {
    expect(acceptEvidence({ ext: 'pdf', mime: 'application/pdf' }, 'bien-ban.pdf')).toEqual({ ok: true, ext: 'pdf', mime: 'application/pdf' });
    expect(acceptEvidence({ ext: 'png', mime: 'image/png' }, 'anh-chup.jpg')).toMatchObject({ ok: true, ext: 'png' });
    expect(acceptEvidence({ ext: 'docx', mime: 'x' }, 'bao-cao.docx')).toMatchObject({ ok: true, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
    expect(acceptEvidence({ ext: 'cfb', mime: 'application/x-cfb' }, 'cu.doc')).toMatchObject({ ok: true, ext: 'doc', mime: 'application/msword' });
    expect(acceptEvidence({ ext: 'cfb', mime: 'application/x-cfb' }, 'cu.xls')).toMatchObject({ ok: true, ext: 'xls' });
  });

  it('refuses a renamed program and anything it cannot tell, with a Vietnamese message', () => {
    const exe = acceptEvidence({ ext: 'exe', mime: 'application/x-msdownload' }, 'bien-ban.pdf');
    expect(exe).toEqual({ ok: false, message: expect.stringContaining('Tệp "bien-ban.pdf" không được nhận: nội dung tệp là loại "EXE"') });
    expect(acceptEvidence(undefined, 'ghi-chu.txt')).toMatchObject({ ok: false, message: expect.stringMatching(/không nhận ra loại tệp.*Chỉ nhận tệp PDF/) });
    // an OLE file that does not say it is Word or Excel (an .msi, say) is not taken on its word
    expect(acceptEvidence({ ext: 'cfb', mime: 'application/x-cfb' }, 'cai-dat.msi')).toMatchObject({ ok: false });
  });

  it('keeps a safe name, with the extension of the real type', () => {
    expect(storedName('C:\\Users\\vp\\Biên bản "kiểm tra".PDF', 'pdf')).toBe('Biên bản kiểm tra.pdf');
    expect(storedName('../../etc/passwd', 'png')).toBe('passwd.png');
    expect(storedName('anh.jpg', 'png')).toBe('anh.png');
    expect(storedName('...', 'pdf')).toBe('tai-lieu-kiem-chung.pdf');
  });

  it('serves it as an attachment whose name cannot break the header (RFC 5987)', () => {
    expect(attachmentDisposition('Biên bản "kiểm tra"; x.pdf')).toBe(
      `attachment; filename="Bien ban _kiem tra__ x.pdf"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n%20%22ki%E1%BB%83m%20tra%22%3B%20x.pdf`,
    );
    expect(attachmentDisposition('a\r\nSet-Cookie: x')).not.toMatch(/[\r\n]/);
  });

  it('folders the zip by Phụ lục and task, numbering repeated names', () => {
    expect(zipPaths([
      { fileId: 1, phuLuc: 1, ordinal: 3, content: 'Rà soát văn bản\nquy phạm', name: 'bien-ban.pdf' },
      { fileId: 2, phuLuc: 1, ordinal: 3, content: 'Rà soát văn bản\nquy phạm', name: 'Bien-ban.pdf' },
      { fileId: 3, phuLuc: 2, ordinal: 1, content: 'Công khai TTHC: "Một cửa"/điện tử', name: 'anh.png' },
    ])).toEqual([
      { fileId: 1, path: 'Phụ lục 01/TT 03 - Rà soát văn bản/bien-ban.pdf' },
      { fileId: 2, path: 'Phụ lục 01/TT 03 - Rà soát văn bản/Bien-ban (2).pdf' },
      { fileId: 3, path: 'Phụ lục 02/TT 01 - Công khai TTHC Một cửa điện tử/anh.png' },
    ]);
  });
});
