# Generated from ui/subscriber_dialog.ui by hendazh_desktop.ui.forms.build — do not edit.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'subscriber_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QFormLayout, QGroupBox,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_SubscriberForm(object):
    def setupUi(self, SubscriberForm):
        if not SubscriberForm.objectName():
            SubscriberForm.setObjectName(u"SubscriberForm")
        SubscriberForm.setLayoutDirection(Qt.RightToLeft)
        self.mainLayout = QVBoxLayout(SubscriberForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.identityForm = QFormLayout()
        self.identityForm.setObjectName(u"identityForm")
        self.nameLabel = QLabel(SubscriberForm)
        self.nameLabel.setObjectName(u"nameLabel")

        self.identityForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameBox = QVBoxLayout()
        self.nameBox.setObjectName(u"nameBox")
        self.nameEdit = QLineEdit(SubscriberForm)
        self.nameEdit.setObjectName(u"nameEdit")

        self.nameBox.addWidget(self.nameEdit)

        self.nameError = QLabel(SubscriberForm)
        self.nameError.setObjectName(u"nameError")
        self.nameError.setStyleSheet(u"color: #b3261e;")
        self.nameError.setWordWrap(True)
        self.nameError.setVisible(False)

        self.nameBox.addWidget(self.nameError)


        self.identityForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.nameBox)

        self.nationalCodeLabel = QLabel(SubscriberForm)
        self.nationalCodeLabel.setObjectName(u"nationalCodeLabel")

        self.identityForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nationalCodeLabel)

        self.nationalCodeBox = QVBoxLayout()
        self.nationalCodeBox.setObjectName(u"nationalCodeBox")
        self.nationalCodeEdit = QLineEdit(SubscriberForm)
        self.nationalCodeEdit.setObjectName(u"nationalCodeEdit")
        self.nationalCodeEdit.setLayoutDirection(Qt.LeftToRight)
        self.nationalCodeEdit.setAlignment(Qt.AlignRight|Qt.AlignAbsolute|Qt.AlignVCenter)
        self.nationalCodeEdit.setMaxLength(14)

        self.nationalCodeBox.addWidget(self.nationalCodeEdit)

        self.nationalCodeError = QLabel(SubscriberForm)
        self.nationalCodeError.setObjectName(u"nationalCodeError")
        self.nationalCodeError.setStyleSheet(u"color: #b3261e;")
        self.nationalCodeError.setWordWrap(True)
        self.nationalCodeError.setVisible(False)

        self.nationalCodeBox.addWidget(self.nationalCodeError)


        self.identityForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.nationalCodeBox)

        self.referrerLabel = QLabel(SubscriberForm)
        self.referrerLabel.setObjectName(u"referrerLabel")

        self.identityForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.referrerLabel)

        self.referrerBox = QVBoxLayout()
        self.referrerBox.setObjectName(u"referrerBox")
        self.referrerEdit = QLineEdit(SubscriberForm)
        self.referrerEdit.setObjectName(u"referrerEdit")
        self.referrerEdit.setLayoutDirection(Qt.LeftToRight)
        self.referrerEdit.setAlignment(Qt.AlignRight|Qt.AlignAbsolute|Qt.AlignVCenter)

        self.referrerBox.addWidget(self.referrerEdit)

        self.referrerName = QLabel(SubscriberForm)
        self.referrerName.setObjectName(u"referrerName")
        self.referrerName.setStyleSheet(u"color: #1b5e20;")
        self.referrerName.setVisible(False)

        self.referrerBox.addWidget(self.referrerName)

        self.referrerError = QLabel(SubscriberForm)
        self.referrerError.setObjectName(u"referrerError")
        self.referrerError.setStyleSheet(u"color: #b3261e;")
        self.referrerError.setWordWrap(True)
        self.referrerError.setVisible(False)

        self.referrerBox.addWidget(self.referrerError)


        self.identityForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.referrerBox)


        self.mainLayout.addLayout(self.identityForm)

        self.phonesBox = QGroupBox(SubscriberForm)
        self.phonesBox.setObjectName(u"phonesBox")
        self.phonesLayout = QVBoxLayout(self.phonesBox)
        self.phonesLayout.setObjectName(u"phonesLayout")
        self.addPhoneButton = QPushButton(self.phonesBox)
        self.addPhoneButton.setObjectName(u"addPhoneButton")
        self.addPhoneButton.setAutoDefault(False)

        self.phonesLayout.addWidget(self.addPhoneButton)


        self.mainLayout.addWidget(self.phonesBox)

        self.duplicateWarning = QLabel(SubscriberForm)
        self.duplicateWarning.setObjectName(u"duplicateWarning")
        self.duplicateWarning.setStyleSheet(u"color: #7a4100; background: #fff4e5; border: 1px solid #e0a040; border-radius: 4px; padding: 6px;")
        self.duplicateWarning.setWordWrap(True)
        self.duplicateWarning.setVisible(False)
        self.duplicateWarning.setTextFormat(Qt.RichText)
        self.duplicateWarning.setOpenExternalLinks(False)
        self.duplicateWarning.setTextInteractionFlags(Qt.LinksAccessibleByKeyboard|Qt.LinksAccessibleByMouse)

        self.mainLayout.addWidget(self.duplicateWarning)

        self.addressesBox = QGroupBox(SubscriberForm)
        self.addressesBox.setObjectName(u"addressesBox")
        self.addressesLayout = QVBoxLayout(self.addressesBox)
        self.addressesLayout.setObjectName(u"addressesLayout")
        self.addAddressButton = QPushButton(self.addressesBox)
        self.addAddressButton.setObjectName(u"addAddressButton")
        self.addAddressButton.setAutoDefault(False)

        self.addressesLayout.addWidget(self.addAddressButton)


        self.mainLayout.addWidget(self.addressesBox)

        self.otherForm = QFormLayout()
        self.otherForm.setObjectName(u"otherForm")
        self.doNotServeCheck = QCheckBox(SubscriberForm)
        self.doNotServeCheck.setObjectName(u"doNotServeCheck")

        self.otherForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.doNotServeCheck)

        self.reasonLabel = QLabel(SubscriberForm)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.otherForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.reasonLabel)

        self.reasonBox = QVBoxLayout()
        self.reasonBox.setObjectName(u"reasonBox")
        self.reasonEdit = QLineEdit(SubscriberForm)
        self.reasonEdit.setObjectName(u"reasonEdit")

        self.reasonBox.addWidget(self.reasonEdit)

        self.reasonError = QLabel(SubscriberForm)
        self.reasonError.setObjectName(u"reasonError")
        self.reasonError.setStyleSheet(u"color: #b3261e;")
        self.reasonError.setWordWrap(True)
        self.reasonError.setVisible(False)

        self.reasonBox.addWidget(self.reasonError)


        self.otherForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.reasonBox)

        self.notesLabel = QLabel(SubscriberForm)
        self.notesLabel.setObjectName(u"notesLabel")

        self.otherForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notesBox = QVBoxLayout()
        self.notesBox.setObjectName(u"notesBox")
        self.notesEdit = QPlainTextEdit(SubscriberForm)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setMaximumSize(QSize(16777215, 70))
        self.notesEdit.setTabChangesFocus(True)

        self.notesBox.addWidget(self.notesEdit)

        self.notesError = QLabel(SubscriberForm)
        self.notesError.setObjectName(u"notesError")
        self.notesError.setStyleSheet(u"color: #b3261e;")
        self.notesError.setWordWrap(True)
        self.notesError.setVisible(False)

        self.notesBox.addWidget(self.notesError)


        self.otherForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.notesBox)


        self.mainLayout.addLayout(self.otherForm)

        QWidget.setTabOrder(self.nameEdit, self.nationalCodeEdit)
        QWidget.setTabOrder(self.nationalCodeEdit, self.referrerEdit)
        QWidget.setTabOrder(self.referrerEdit, self.addPhoneButton)
        QWidget.setTabOrder(self.addPhoneButton, self.addAddressButton)
        QWidget.setTabOrder(self.addAddressButton, self.doNotServeCheck)
        QWidget.setTabOrder(self.doNotServeCheck, self.reasonEdit)
        QWidget.setTabOrder(self.reasonEdit, self.notesEdit)

        self.retranslateUi(SubscriberForm)

        QMetaObject.connectSlotsByName(SubscriberForm)
    # setupUi

    def retranslateUi(self, SubscriberForm):
        self.nameLabel.setText(QCoreApplication.translate("SubscriberForm", u"\u0646\u0627\u0645 \u0648 \u0646\u0627\u0645 \u062e\u0627\u0646\u0648\u0627\u062f\u06af\u06cc:", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("SubscriberForm", u"\u0645\u062b\u0644\u0627\u064b: \u0645\u062d\u0645\u062f\u0631\u0636\u0627 \u06a9\u0631\u06cc\u0645\u06cc\u200c\u0646\u0698\u0627\u062f", None))
        self.nationalCodeLabel.setText(QCoreApplication.translate("SubscriberForm", u"\u06a9\u062f \u0645\u0644\u06cc (\u0627\u062e\u062a\u06cc\u0627\u0631\u06cc):", None))
        self.nationalCodeEdit.setPlaceholderText(QCoreApplication.translate("SubscriberForm", u"\u06f1\u06f0 \u0631\u0642\u0645", None))
        self.referrerLabel.setText(QCoreApplication.translate("SubscriberForm", u"\u0645\u0639\u0631\u0641 (\u06a9\u062f \u0627\u0634\u062a\u0631\u0627\u06a9 \u06cc\u0627 \u062a\u0644\u0641\u0646):", None))
        self.referrerEdit.setPlaceholderText(QCoreApplication.translate("SubscriberForm", u"\u06a9\u062f \u0627\u0634\u062a\u0631\u0627\u06a9 \u06f8 \u0631\u0642\u0645\u06cc \u06cc\u0627 \u0634\u0645\u0627\u0631\u0647 \u062a\u0644\u0641\u0646 \u0645\u0639\u0631\u0641", None))
        self.phonesBox.setTitle(QCoreApplication.translate("SubscriberForm", u"\u062a\u0644\u0641\u0646\u200c\u0647\u0627", None))
        self.addPhoneButton.setText(QCoreApplication.translate("SubscriberForm", u"+ \u062a\u0644\u0641\u0646 \u062f\u06cc\u06af\u0631", None))
        self.addressesBox.setTitle(QCoreApplication.translate("SubscriberForm", u"\u0646\u0634\u0627\u0646\u06cc\u200c\u0647\u0627", None))
        self.addAddressButton.setText(QCoreApplication.translate("SubscriberForm", u"+ \u0646\u0634\u0627\u0646\u06cc \u062f\u06cc\u06af\u0631", None))
        self.doNotServeCheck.setText(QCoreApplication.translate("SubscriberForm", u"\u0628\u0647 \u0627\u06cc\u0646 \u0645\u0634\u062a\u0631\u06a9 \u062e\u062f\u0645\u062a \u062f\u0627\u062f\u0647 \u0646\u0634\u0648\u062f", None))
        self.reasonLabel.setText(QCoreApplication.translate("SubscriberForm", u"\u062f\u0644\u06cc\u0644:", None))
        self.reasonEdit.setPlaceholderText(QCoreApplication.translate("SubscriberForm", u"\u0645\u062b\u0644\u0627\u064b: \u0628\u062f\u0647\u06cc \u067e\u0631\u062f\u0627\u062e\u062a\u200c\u0646\u0634\u062f\u0647", None))
        self.notesLabel.setText(QCoreApplication.translate("SubscriberForm", u"\u06cc\u0627\u062f\u062f\u0627\u0634\u062a:", None))
        pass
    # retranslateUi

